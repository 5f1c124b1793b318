import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { OnwardKind, SharedDetails, SharedField } from '../../../common/onward-referrals.js';
import type {
  onwardAttendances,
  onwardEvents,
  onwardLinks,
  onwardReferrals,
} from '../../modules/onward-referrals/onward-referrals.tables.js';
import { addWorkingDays, londonDate } from '../../platform/working-days.js';
import type { Random } from '../cases/random.js';
import type { Life } from './life.js';
import { CONTACT_TIMES, MONEY_REASON, type PcnSlug, REASONS } from './targets.js';

// One demo onward referral as the loop's use-cases would have left it: the row, its attendance,
// an onward_events row for every step (the case timeline reads them) and, for an organisation
// without accounts, its secure link (a random token, only its hash stored: nobody needs it, the
// worker can re-send). Never an NHS number: the shared details are the minimum set only.

const MINUTE = 60_000;
const DAY = 86_400_000;
/** The defaults of ONWARD_LINK_DAYS and PARTNER_ACCESS_DAYS (server/config.ts). */
const LINK_DAYS = 14;
const ACCESS_DAYS = 90;

export interface OnwardCase {
  icbId: string;
  referralId: string;
  personId: string;
  pcnId: string;
  pcnSlug: PcnSlug;
  workerId: string;
  /** When the case could send someone onward: from the first contact to discharge (or now). */
  from: Date;
  to: Date;
  /** Still open today. */
  open: boolean;
  /** The person has outcome measures at baseline and later. */
  hasMeasures: boolean;
  person: {
    givenName: string;
    familyName: string;
    phone: string | null;
    email: string | null;
    preferredContact: string;
    language: string;
    interpreterNeeded: boolean;
    accessibilityNeeds: string | null;
  };
}

export interface OnwardTarget {
  serviceId: string;
  organizationId: string;
  name: string;
  status: string;
  capacity: string;
  /** Delivered to this partner's inbox, answered by this user; null: by secure link. */
  partner: { vcsOrganisationId: string; userId: string } | null;
  linkEmail: string | null;
  replyWorkingDays: number;
}

export interface PlannedOnward {
  referral: typeof onwardReferrals.$inferInsert;
  attendances: (typeof onwardAttendances.$inferInsert)[];
  events: (typeof onwardEvents.$inferInsert)[];
  link: typeof onwardLinks.$inferInsert | null;
}

function shared(
  c: OnwardCase,
  target: OnwardTarget,
  random: Random,
): { fields: SharedField[]; details: SharedDetails } {
  const p = c.person;
  const fields: SharedField[] = ['name', 'contact', 'contact_times', 'reason'];
  const details: SharedDetails = {
    name: `${p.givenName} ${p.familyName}`,
    phone: p.phone,
    email: p.email,
    preferredContact: p.preferredContact,
    contactTimes: random.pick(CONTACT_TIMES),
    reason: /money/i.test(target.name) ? MONEY_REASON : random.pick(REASONS),
  };
  if (p.accessibilityNeeds) {
    fields.push('access_needs');
    details.accessNeeds = p.accessibilityNeeds;
  }
  if (p.language !== 'English') {
    fields.push('language');
    details.language = p.language;
    details.interpreterNeeded = p.interpreterNeeded;
  }
  return { fields, details };
}

export function buildOnward(
  c: OnwardCase,
  target: OnwardTarget,
  kind: OnwardKind,
  sentAt: Date,
  life: Life | null,
  now: Date,
  random: Random,
): PlannedOnward {
  const id = randomUUID();
  const base = {
    id,
    icbId: c.icbId,
    pcnId: c.pcnId,
    referralId: c.referralId,
    personId: c.personId,
    serviceId: target.serviceId,
    organizationId: target.organizationId,
    capacityAtSend: target.capacity,
    serviceStatusAtSend: target.status,
    createdByUserId: c.workerId,
    createdAt: sentAt,
  };
  if (kind === 'signpost' || !life) {
    return {
      referral: { ...base, kind: 'signpost', status: 'signposted', note: null, updatedAt: sentAt },
      attendances: [],
      events: [{ onwardReferralId: id, type: 'signposted', at: sentAt, actorUserId: c.workerId, via: 'team' }],
      link: null,
    };
  }

  const partner = target.partner;
  const via = partner ? 'inbox' : 'link';
  const answerer = partner?.userId ?? null;
  const linkId = partner ? null : randomUUID();
  if (!partner && !target.linkEmail) throw new Error(`demo onward: ${target.name} has no email for referrals`);
  const events: PlannedOnward['events'] = [
    {
      onwardReferralId: id,
      type: 'sent',
      at: sentAt,
      actorUserId: c.workerId,
      via: 'team',
      details: { delivery: via },
    },
  ];
  const step = (type: PlannedOnward['events'][number]['type'], at: Date, details: Record<string, unknown> = {}) =>
    events.push({ onwardReferralId: id, type, at, actorUserId: answerer, via, details });
  if (linkId) {
    const expiresAt = new Date(sentAt.getTime() + LINK_DAYS * DAY).toISOString();
    events.push({
      onwardReferralId: id,
      type: 'link_sent',
      at: sentAt,
      actorUserId: c.workerId,
      via: 'team',
      details: { linkId, expiresAt },
    });
  }
  if (life.viewedAt) {
    if (linkId) {
      step('link_opened', new Date(life.viewedAt.getTime() - 3 * MINUTE), { linkId });
      step('code_sent', new Date(life.viewedAt.getTime() - 3 * MINUTE), { linkId });
      step('code_verified', new Date(life.viewedAt.getTime() - MINUTE), { linkId });
    }
    step('viewed', life.viewedAt);
  }
  if (life.acceptedAt) step('accepted', life.acceptedAt);
  const attendances = life.attendances.map((a) => ({
    id: randomUUID(),
    onwardReferralId: id,
    kind: a.kind,
    on: a.on,
    sessions: a.sessions,
    recordedAt: a.recordedAt,
    recordedByUserId: answerer,
  }));
  for (const a of attendances)
    step('attendance', a.recordedAt, { attendanceId: a.id, kind: a.kind, on: a.on, sessions: a.sessions });
  if (life.declined) step('declined', life.declined.at, { reason: life.declined.reason, note: life.declined.note });
  if (life.closed) step('closed', life.closed.at, { outcome: life.closed.outcome, note: life.closed.note });
  events.sort((a, b) => (a.at as Date).getTime() - (b.at as Date).getTime());

  const ended = life.declined?.at ?? life.closed?.at ?? null;
  const accessEndsAt = ended ? new Date(ended.getTime() + ACCESS_DAYS * DAY) : null;
  const { fields, details } = shared(c, target, random);
  const lastAt = events.at(-1)?.at as Date;
  return {
    referral: {
      ...base,
      vcsOrganisationId: partner?.vcsOrganisationId ?? null,
      kind: 'referral',
      delivery: via,
      status: life.status,
      consentRecordedByUserId: c.workerId,
      consentRecordedAt: new Date(sentAt.getTime() - 5 * MINUTE),
      sharedFields: fields,
      // After the access period the daily purge has emptied what was shared.
      sharedDetails: accessEndsAt && accessEndsAt < now ? null : details,
      note: 'They would like someone to meet them at the door the first time.',
      replyDueOn: addWorkingDays(londonDate(sentAt), target.replyWorkingDays),
      viewedAt: life.viewedAt,
      acceptedAt: life.acceptedAt,
      declinedAt: life.declined?.at ?? null,
      declineReason: life.declined?.reason ?? null,
      declineNote: life.declined?.note ?? null,
      closedAt: life.closed?.at ?? null,
      outcome: life.closed?.outcome ?? null,
      outcomeNote: life.closed?.note ?? null,
      accessEndsAt,
      updatedAt: lastAt,
      version: 1 + (life.acceptedAt ? 1 : 0) + attendances.length + (life.declined ? 1 : 0) + (life.closed ? 1 : 0),
    },
    attendances,
    events,
    link: linkId
      ? {
          id: linkId,
          onwardReferralId: id,
          tokenHash: createHash('sha256').update(randomBytes(32).toString('base64url')).digest('hex'),
          email: target.linkEmail as string,
          createdAt: sentAt,
          createdByUserId: c.workerId,
          expiresAt: new Date(sentAt.getTime() + LINK_DAYS * DAY),
          lastUsedAt: life.viewedAt ? (lastAt as Date) : null,
        }
      : null,
  };
}
