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

// Referral reasons are reference data that only migrations write: their labels are kept a minute
// per database, so that every caseload and referral list does not read them again.
const REASON_LABELS_KEPT_MS = 60_000;
const reasonLabelsKept = new WeakMap<DbOrTx, { until: number; labels: Promise<Map<string, string>> }>();

export function reasonLabels(db: DbOrTx): Promise<Map<string, string>> {
  const kept = reasonLabelsKept.get(db);
  if (kept && kept.until > Date.now()) return kept.labels;
  const labels = listReferralReasons(db, true).then((rows) => new Map(rows.map((r) => [r.code, r.label])));
  reasonLabelsKept.set(db, { until: Date.now() + REASON_LABELS_KEPT_MS, labels });
  // A failed read is not kept.
  labels.catch(() => reasonLabelsKept.delete(db));
  return labels;
}

export async function listSnomedCodes(db: DbOrTx) {
  return db.select().from(snomedCodes).orderBy(asc(snomedCodes.code));
}
