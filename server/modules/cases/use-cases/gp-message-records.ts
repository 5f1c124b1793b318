import type { OrganisationRef } from '../../../../common/api-types.js';
import type { GpMessage } from '../../../../common/cases.js';
import type { ReferralPersonDetails } from '../../../../common/referrals.js';
import type { Scope } from '../../../platform/access/scope.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { organisationRefs } from '../../organisations/organisations.service.js';
import { findReferralInScope } from '../../referrals/referrals.service.js';
import * as repo from '../cases.repository.js';
import { toGpMessage } from './gp-message.js';

/**
 * A message back with what the FHIR edge needs around it: the referral it answers (the person as
 * the referrer described them, the reasons, the consent to share) and the organisations. One
 * source of truth: the FHIR message is drawn from the same gp_messages row the web page shows.
 */
export interface GpMessageRecord {
  message: GpMessage;
  /** The message row's own write time (meta.lastUpdated). */
  createdAt: Date;
  referral: {
    id: string;
    receivedAt: Date;
    reasons: string[];
    details: string | null;
    consentToShare: boolean;
    person: ReferralPersonDetails;
    referrerName: string | null;
  };
  practice: OrganisationRef | null;
  pcn: OrganisationRef | null;
}

async function toRecords(db: DbOrTx, scope: Scope, rows: repo.GpMessageRow[]): Promise<GpMessageRecord[]> {
  const orgs = await organisationRefs(
    db,
    rows.flatMap((r) => [r.pcnId, ...(r.practiceId ? [r.practiceId] : [])]),
  );
  const records: GpMessageRecord[] = [];
  for (const row of rows) {
    const referral = await findReferralInScope(db, scope, row.referralId);
    if (!referral) continue; // cannot happen in the same scope; never leak a message without it
    records.push({
      message: await toGpMessage(db, row),
      createdAt: row.createdAt,
      referral: {
        id: referral.id,
        receivedAt: referral.receivedAt,
        reasons: referral.reasons,
        details: referral.details,
        consentToShare: referral.consentToShare,
        person: referral.personDetails,
        referrerName: referral.referrerName,
      },
      practice: row.practiceId ? (orgs.get(row.practiceId) ?? null) : null,
      pcn: orgs.get(row.pcnId) ?? null,
    });
  }
  return records;
}

/** The messages back in scope (a practice's system: its practice's only), oldest first, paged. */
export async function listGpMessageRecords(
  db: DbOrTx,
  scope: Scope,
  q: { since: Date | null; offset: number; limit: number },
): Promise<{ records: GpMessageRecord[]; hasMore: boolean }> {
  const rows = await repo.listGpMessagesInScope(db, scope, q);
  const hasMore = rows.length > q.limit;
  return { records: await toRecords(db, scope, rows.slice(0, q.limit)), hasMore };
}

/** One message back by its id, in scope; null otherwise (answered as "no such id"). */
export async function findGpMessageRecord(db: DbOrTx, scope: Scope, id: string): Promise<GpMessageRecord | null> {
  const row = await repo.findGpMessageById(db, scope, id);
  if (!row) return null;
  const [record] = await toRecords(db, scope, [row]);
  return record ?? null;
}
