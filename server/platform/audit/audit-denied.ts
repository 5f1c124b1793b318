import type { SignedInContext } from '../context.js';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import { writeAuditAlone } from './audit.js';

type CaseUseCase<A extends unknown[], R> = (db: Db, ctx: SignedInContext, id: string, ...rest: A) => Promise<R>;

/**
 * Audits a refused attempt on a case (out of scope → 404, not the case's worker → 403) as a
 * denied `action` on the referral, for each module whose use-cases act on a case (cases,
 * video). Written after the use-case's transaction rolled back, so the refusal is kept even
 * though nothing else is.
 */
export function auditDenied<A extends unknown[], R>(action: string, run: CaseUseCase<A, R>): CaseUseCase<A, R> {
  return async (db, ctx, id, ...rest) => {
    try {
      return await run(db, ctx, id, ...rest);
    } catch (error) {
      if (error instanceof AppError && (error.code === 'not_found' || error.code === 'forbidden') && ctx.actor) {
        await writeAuditAlone(db, ctx, {
          action,
          outcome: 'denied',
          entityType: 'referral',
          entityId: id,
          details: { reason: error.code },
        });
      }
      throw error;
    }
  };
}
