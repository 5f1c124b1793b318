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

export async function reasonLabels(db: DbOrTx): Promise<Map<string, string>> {
  return new Map((await listReferralReasons(db, true)).map((r) => [r.code, r.label]));
}

export async function listSnomedCodes(db: DbOrTx) {
  return db.select().from(snomedCodes).orderBy(asc(snomedCodes.code));
}
