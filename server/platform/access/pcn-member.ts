import type { Principal, SignedInContext } from '../context.js';
import { notFound } from '../errors.js';
import type { Scope } from './scope.js';

export type PcnScope = Extract<Scope, { kind: 'pcn' }>;
export type PcnActor = Principal & { scope: PcnScope };

/**
 * The signed-in member of a PCN team. Anyone else (a practice, a VCS organisation, an ICB-wide
 * role) has no team queue, caseload or case: 404, like any record out of scope.
 */
export function requirePcnActor(ctx: SignedInContext, what = 'referral'): PcnActor {
  if (ctx.actor.scope.kind !== 'pcn') throw notFound(what);
  return ctx.actor as PcnActor;
}
