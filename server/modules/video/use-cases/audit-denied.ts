import { writeAuditAlone } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { AppError } from '../../../platform/errors.js';

type CaseUseCase<A extends unknown[], R> = (db: Db, ctx: SignedInContext, id: string, ...rest: A) => Promise<R>;

/**
 * Audits a refused attempt on a case (out of scope → 404, not the case's worker → 403) as a
 * denied `action`, after the use-case's transaction rolled back (as the cases module does).
 */
export function auditDenied<A extends unknown[], R>(action: string, run: CaseUseCase<A, R>): CaseUseCase<A, R> {
  return async (db, ctx, id, ...rest) => {
    try {
      return await run(db, ctx, id, ...rest);
    } catch (error) {
      if (error instanceof AppError && (error.code === 'not_found' || error.code === 'forbidden')) {
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
