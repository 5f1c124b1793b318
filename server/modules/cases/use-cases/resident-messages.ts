import { CONTACT_MODE_LABELS } from '../../../../common/cases.js';
import type { Scope } from '../../../platform/access/scope.js';
import type { Db, Tx } from '../../../platform/db/client.js';
import { londonDayAndTime } from '../../../platform/london-time.js';
import { londonDate } from '../../../platform/working-days.js';
import { queueResidentMessage, residentChannel } from '../../notifications/notifications.service.js';
import { organisationRefs, resolveOrganisation } from '../../organisations/organisations.service.js';
import { peopleByIds } from '../../people/people.service.js';
import { findReferralInScope, isWorkable } from '../../referrals/referrals.service.js';
import * as repo from '../cases.repository.js';

// Texts and emails to the person about their planned contacts, through GOV.UK Notify: the
// first-contact appointment when it is booked, and a reminder the day before each planned contact.
// Only to people who chose texts or emails (residentChannel); the template composes the words.

const HOW: Record<repo.PlannedContactRow['mode'], string> = {
  face_to_face: 'face to face',
  phone: 'by phone',
  video: 'by video',
  home_visit: 'at home (a home visit)',
  group: 'in a group session',
};

/** The template's placeholders: the day, the time and how, in London time, and the team's name. */
export function appointmentPersonalisation(plannedFor: Date, mode: repo.PlannedContactRow['mode'], team: string) {
  const { date, time } = londonDayAndTime(plannedFor);
  return { date, time, how: HOW[mode] ?? CONTACT_MODE_LABELS[mode].toLowerCase(), team };
}

export const teamNameOf = async (db: Db | Tx, pcnId: string) =>
  (await organisationRefs(db, [pcnId])).get(pcnId)?.name ?? 'your social prescribing team';

/**
 * Queues the first-contact appointment for a contact just booked, in the booking's transaction,
 * when the person has not been met yet on this case (no attended contact: the first-contact
 * milestone's own test) and chose texts or emails. Returns whether one was queued.
 */
export async function queueFirstContactAppointment(
  tx: Tx,
  scope: Scope,
  row: { id: string; icbId: string; pcnId: string; personId: string; firstContactAt: Date | null },
  planned: repo.PlannedContactRow,
): Promise<boolean> {
  if (row.firstContactAt || (await repo.hasAttendedContact(tx, row.id))) return false;
  const person = (await peopleByIds(tx, scope, [row.personId])).get(row.personId);
  const to = person ? residentChannel(person) : null;
  if (!to) return false;
  await queueResidentMessage(tx, {
    icbId: row.icbId,
    referralId: row.id,
    personId: row.personId,
    kind: 'first_contact_appointment',
    channel: to.channel,
    recipient: to.recipient,
    personalisation: appointmentPersonalisation(planned.plannedFor, planned.mode, await teamNameOf(tx, row.pcnId)),
  });
  return true;
}

export interface ContactReminderReport {
  /** Reminders queued by this run. */
  queued: number;
  /** Planned contacts tomorrow already reminded (an earlier run of the day). */
  alreadyQueued: number;
  /** Planned contacts tomorrow whose person chose no texts or emails (or gave no number or address). */
  noChannel: number;
}

/** The London calendar day after `now`'s. */
export function londonTomorrow(now: Date): string {
  const [y, m, d] = londonDate(now).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * Queues a reminder for every open planned contact tomorrow (London dates): one per planned
 * contact whatever the number of runs (its dedupe key), none for cancelled or settled ones, a
 * case no longer open, or people with no texts or emails. Each reminder in its own short transaction.
 */
export async function queueContactReminders(db: Db, { now }: { now: Date }): Promise<ContactReminderReport> {
  const report: ContactReminderReport = { queued: 0, alreadyQueued: 0, noChannel: 0 };
  const planned = await repo.findOpenPlannedContactsOnLondonDay(db, londonTomorrow(now));
  const teams = await organisationRefs(db, new Set(planned.map((p) => p.pcnId)));
  const scopes = new Map<string, Scope | null>();
  for (const p of planned) {
    if (!scopes.has(p.pcnId)) {
      const placed = await resolveOrganisation(db, p.pcnId);
      scopes.set(p.pcnId, placed ? { kind: 'pcn', icbId: placed.icbId, pcnId: p.pcnId } : null);
    }
    // The job acts for the PCN's team: it sees the case and the person as the team does.
    const scope = scopes.get(p.pcnId);
    if (!scope) continue;
    const outcome = await db.transaction(async (tx) => {
      const row = await findReferralInScope(tx, scope, p.referralId);
      if (!row || !isWorkable(row.status)) return 'skipped' as const;
      const person = (await peopleByIds(tx, scope, [row.personId])).get(row.personId);
      const to = person ? residentChannel(person) : null;
      if (!to) return 'no-channel' as const;
      const queued = await queueResidentMessage(tx, {
        icbId: row.icbId,
        referralId: row.id,
        personId: row.personId,
        kind: 'contact_reminder',
        channel: to.channel,
        recipient: to.recipient,
        personalisation: appointmentPersonalisation(
          p.plannedFor,
          p.mode,
          teams.get(p.pcnId)?.name ?? 'your social prescribing team',
        ),
        dedupeKey: `contact_reminder:${p.id}`,
      });
      return queued ? ('queued' as const) : ('already' as const);
    });
    if (outcome === 'queued') report.queued++;
    else if (outcome === 'already') report.alreadyQueued++;
    else if (outcome === 'no-channel') report.noChannel++;
  }
  return report;
}
