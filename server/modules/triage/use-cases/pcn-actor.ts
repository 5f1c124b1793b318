import type { Principal, RequestContext } from '../../../platform/context.js';
import { AppError, notFound } from '../../../platform/errors.js';

export type PcnActor = Principal & { scope: { kind: 'pcn'; icbId: string; pcnId: string } };

/** The signed-in member of a PCN team; anyone else has no queue (404, like any out-of-scope record). */
export function requirePcnActor(ctx: RequestContext, what = 'referral'): PcnActor {
  if (!ctx.actor) throw new AppError('unauthenticated', { userMessage: 'You need to sign in.' });
  if (ctx.actor.scope.kind !== 'pcn') throw notFound(what);
  return ctx.actor as PcnActor;
}
