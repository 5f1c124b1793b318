import type { OrganisationRef } from '../../../../common/api-types.js';
import { CLOSURE_REASON_LABELS, type ReferralStatus, STATUS_LABELS } from '../../../../common/referrals.js';
import type { ReferralRow } from '../../referrals/referrals.service.js';
import {
  NHS_NUMBER_SYSTEM,
  ODS_SYSTEM,
  WAYMARK_CLOSURE_REASON_SYSTEM,
  WAYMARK_REASON_SYSTEM,
  WAYMARK_REFERRAL_STATUS_SYSTEM,
  WAYMARK_REFERRAL_SYSTEM,
} from '../fhir-terms.js';
import type { FhirResource } from '../searchset.js';

// A referral as FHIR sees it (standards.md: referral → ServiceRequest, + Task for its status).
// Both carry the referral's id, so Task/<id> is the status of ServiceRequest/<id>. Only what a
// referring practice may see of its own referral is put here (the web's status view): what was
// asked, for whom, and where it stands; never the team's triage notes or case record.

export type ServiceRequestStatus = 'active' | 'completed' | 'revoked';
export type TaskStatus = 'received' | 'accepted' | 'rejected' | 'cancelled' | 'in-progress' | 'failed' | 'completed';

const SERVICE_REQUEST_STATUS = {
  received: 'active',
  triaged: 'active',
  allocated: 'active',
  first_contact: 'active',
  active: 'active',
  discharged: 'completed',
  declined: 'revoked',
  redirected: 'revoked',
  not_contactable: 'revoked',
} as const satisfies Record<ReferralStatus, ServiceRequestStatus>;

/** Waymark's statuses behind each ServiceRequest status (for searches by status). */
export const REFERRAL_STATUSES_OF_SERVICE_REQUEST = invert(SERVICE_REQUEST_STATUS);

function taskStatusOf(row: Pick<ReferralRow, 'status' | 'closureReason'>): TaskStatus {
  switch (row.status) {
    case 'received':
      return 'received';
    case 'triaged':
    case 'allocated':
      return 'accepted';
    case 'first_contact':
    case 'active':
      return 'in-progress';
    case 'discharged':
      return 'completed';
    case 'declined':
      return row.closureReason === 'withdrawn_by_referrer' ? 'cancelled' : 'rejected';
    case 'redirected':
      return 'rejected';
    case 'not_contactable':
      return 'failed';
  }
}

/** Waymark's statuses behind each Task status, for searches (`declined` splits by who closed it). */
export const REFERRAL_STATUSES_OF_TASK: Record<TaskStatus, { status: ReferralStatus; withdrawn?: boolean }[]> = {
  received: [{ status: 'received' }],
  accepted: [{ status: 'triaged' }, { status: 'allocated' }],
  'in-progress': [{ status: 'first_contact' }, { status: 'active' }],
  completed: [{ status: 'discharged' }],
  rejected: [{ status: 'declined', withdrawn: false }, { status: 'redirected' }],
  cancelled: [{ status: 'declined', withdrawn: true }],
  failed: [{ status: 'not_contactable' }],
};

export { taskStatusOf };

function invert<K extends string, V extends string>(map: Record<K, V>): Record<V, K[]> {
  const out = {} as Record<V, K[]>;
  for (const [k, v] of Object.entries(map) as [K, V][]) {
    out[v] = [...(out[v] ?? []), k];
  }
  return out;
}

const PRIORITY = { routine: 'routine', soon: 'asap', urgent: 'urgent' } as const;

export interface ReferralContext {
  /** The referring practices by id (for the requester's ODS code). */
  practices: Map<string, OrganisationRef>;
  reasonLabels: Map<string, string>;
  /** The sender's own ServiceRequest id of referrals that came as FHIR messages. */
  senderIds: Map<string, string>;
}

const meta = (row: ReferralRow) => ({ versionId: String(row.version), lastUpdated: row.updatedAt.toISOString() });

function subjectOf(row: ReferralRow) {
  const nhsNumber = row.personDetails.nhsNumber;
  return {
    reference: `Patient/${row.personId}`,
    ...(nhsNumber ? { identifier: { system: NHS_NUMBER_SYSTEM, value: nhsNumber } } : {}),
    display: `${row.personDetails.givenName} ${row.personDetails.familyName}`,
  };
}

function identifiersOf(row: ReferralRow, ctx: ReferralContext) {
  const sent = ctx.senderIds.get(row.id);
  return [
    { system: WAYMARK_REFERRAL_SYSTEM, value: row.id },
    ...(sent ? [{ use: 'secondary' as const, value: sent }] : []),
  ];
}

export function toServiceRequest(row: ReferralRow, ctx: ReferralContext): FhirResource {
  const practice = row.practiceId ? ctx.practices.get(row.practiceId) : undefined;
  const requester = practice
    ? {
        ...(practice.code ? { identifier: { system: ODS_SYSTEM, value: practice.code } } : {}),
        display: practice.name,
      }
    : row.referrerName
      ? { display: row.referrerName }
      : undefined;
  return {
    resourceType: 'ServiceRequest',
    id: row.id,
    meta: meta(row),
    identifier: identifiersOf(row, ctx),
    status: SERVICE_REQUEST_STATUS[row.status],
    intent: 'order',
    priority: PRIORITY[row.urgencyRequested],
    reasonCode: row.reasons.map((code) => ({
      coding: [{ system: WAYMARK_REASON_SYSTEM, code, display: ctx.reasonLabels.get(code) ?? code }],
    })),
    subject: subjectOf(row),
    authoredOn: row.receivedAt.toISOString(),
    ...(requester ? { requester } : {}),
  };
}

export function toTask(row: ReferralRow, ctx: ReferralContext): FhirResource {
  const reason = row.closureReason;
  return {
    resourceType: 'Task',
    id: row.id,
    meta: meta(row),
    identifier: identifiersOf(row, ctx),
    basedOn: [{ reference: `ServiceRequest/${row.id}` }],
    status: taskStatusOf(row),
    businessStatus: {
      coding: [{ system: WAYMARK_REFERRAL_STATUS_SYSTEM, code: row.status, display: STATUS_LABELS[row.status] }],
      text: STATUS_LABELS[row.status],
    },
    ...(reason
      ? {
          statusReason: {
            coding: [
              { system: WAYMARK_CLOSURE_REASON_SYSTEM, code: reason, display: CLOSURE_REASON_LABELS[reason] ?? reason },
            ],
          },
        }
      : {}),
    intent: 'order',
    focus: { reference: `ServiceRequest/${row.id}` },
    for: subjectOf(row),
    authoredOn: row.receivedAt.toISOString(),
    lastModified: row.updatedAt.toISOString(),
  };
}
