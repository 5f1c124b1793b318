import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { referralReasons, snomedCodes } from './codes.tables.js';

export interface ReferralReason {
  code: string;
  label: string;
}

// Code tables are small and read on most referral pages; each call reads them afresh so an
// admin's change shows at once on every instance.
export async function listReferralReasons(db: DbOrTx, includeInactive = false): Promise<ReferralReason[]> {
  const q = db.select({ code: referralReasons.code, label: referralReasons.label }).from(referralReasons);
  return (includeInactive ? q : q.where(eq(referralReasons.active, true))).orderBy(asc(referralReasons.sortOrder));
}

// Referral reasons are reference data that only migrations write: the list is kept a minute per
// database, so that every caseload, referral list and care plan does not read it again.
const REASONS_KEPT_MS = 60_000;
const reasonsKept = new WeakMap<DbOrTx, { until: number; reasons: Promise<ReferralReason[]> }>();

/** Every referral reason, the retired ones too, in their order: kept a minute. */
export function allReferralReasons(db: DbOrTx): Promise<ReferralReason[]> {
  const kept = reasonsKept.get(db);
  if (kept && kept.until > Date.now()) return kept.reasons;
  const reasons = listReferralReasons(db, true);
  reasonsKept.set(db, { until: Date.now() + REASONS_KEPT_MS, reasons });
  // A failed read is not kept.
  reasons.catch(() => reasonsKept.delete(db));
  return reasons;
}

export async function reasonLabels(db: DbOrTx): Promise<Map<string, string>> {
  return new Map((await allReferralReasons(db)).map((r) => [r.code, r.label]));
}

export async function listSnomedCodes(db: DbOrTx) {
  return db.select().from(snomedCodes).orderBy(asc(snomedCodes.code));
}
