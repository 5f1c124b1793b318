// Case work (DESIGN.md §2 steps 4 and 6): contacts, notes, the case timeline, handover,
// discharge and the message back to the GP. Other modules call cases through this file only.
// Every use-case that names a referral audits a refusal (404 / 403) as a denied attempt.
import type { ContactMode } from '../../../common/cases.js';
import type { Scope } from '../../platform/access/scope.js';
import { auditDenied } from '../../platform/audit/audit-denied.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { findLastAttendedContacts, findNextPlannedContacts } from './cases.repository.js';
import { addCaseNote as addNote } from './use-cases/add-note.js';
import { dischargeCase as discharge } from './use-cases/discharge.js';
import { getCaseRecord as getCase } from './use-cases/get-case.js';
import { getGpMessage as getMessage } from './use-cases/gp-message.js';
import {
  cancelPlannedContact as cancelPlanned,
  cancelPlannedContactsOfClosingCase,
  planContact as plan,
} from './use-cases/planned-contacts.js';
import { reassignCase as reassign } from './use-cases/reassign.js';
import { recordContact as contact, recordFirstContactMeeting } from './use-cases/record-contact.js';
import { type ContactReminderReport, queueContactReminders } from './use-cases/resident-messages.js';
import { reviewPersonDetails as reviewDetails } from './use-cases/review-person-details.js';

/** The day-before reminders of planned contacts (texts and emails to residents), for the reminders job. */
export { type ContactReminderReport, queueContactReminders };

export const getCaseRecord = auditDenied('case.read', getCase);
export const recordContact = auditDenied('case.contact-recorded', contact);
export const planContact = auditDenied('case.contact-planned', plan);
export const cancelPlannedContact = auditDenied('case.planned-contact-cancelled', cancelPlanned);
export const addCaseNote = auditDenied('case.note-added', addNote);
export const dischargeCase = auditDenied('referral.discharged', discharge);
export const reassignCase = auditDenied('referral.reassigned', reassign);
export const getGpMessage = auditDenied('gpmessage.read', getMessage);
export const reviewPersonDetails = auditDenied('referral.person-details-reviewed', reviewDetails);
/** The message back's content as discharge writes it (for the demo data's discharged cases). */
export { composeGpMessage, outcomeChangeSummary, writeClosingGpMessage } from './use-cases/gp-message.js';
export { findGpMessageRecord, type GpMessageRecord, listGpMessageRecords } from './use-cases/gp-message-records.js';
export { TIMELINE_SOURCES, type TimelineSource } from './use-cases/timeline.js';
export { cancelPlannedContactsOfClosingCase, recordFirstContactMeeting };

/**
 * When each of these cases of the PCN last had an attended contact (for caseload lists). No audit
 * row: the caller audits its own read.
 */
export async function lastContactsOf(db: DbOrTx, scope: Scope, referralIds: string[]): Promise<Map<string, string>> {
  const rows = await findLastAttendedContacts(db, scope, referralIds);
  return new Map(rows.flatMap((r) => (r.at ? [[r.referralId, r.at.toISOString()] as [string, string]] : [])));
}

/**
 * The earliest open planned contact of each of these cases of the PCN (for caseload lists); overdue
 * once its time has passed without a contact settling it. No audit row: the caller audits its read.
 */
export async function nextPlannedContactsOf(
  db: DbOrTx,
  scope: Scope,
  referralIds: string[],
  now = new Date(),
): Promise<Map<string, { at: string; mode: ContactMode; overdue: boolean }>> {
  const rows = await findNextPlannedContacts(db, scope, referralIds);
  return new Map(
    rows.map((r) => [
      r.referralId,
      { at: r.plannedFor.toISOString(), mode: r.mode, overdue: r.plannedFor.getTime() < now.getTime() },
    ]),
  );
}
