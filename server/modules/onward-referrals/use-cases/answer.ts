import type { z } from 'zod';
import {
  type AcceptSchema,
  type AttendanceSchema,
  type CloseSchema,
  DECLINE_REASON_LABELS,
  type DeclineReason,
  type DeclineSchema,
  ONWARD_OUTCOME_LABELS,
  ONWARD_STATUS_LABELS,
  type PartnerReferralView,
} from '../../../../common/onward-referrals.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { RequestContext, SignedInContext } from '../../../platform/context.js';
import type { Db, Tx } from '../../../platform/db/client.js';
import { AppError, conflict, notFound, validationError } from '../../../platform/errors.js';
import { publish } from '../../../platform/realtime.js';
import { enforceRestriction, runUseCase } from '../../../platform/use-case.js';
import { londonDate } from '../../../platform/working-days.js';
import { notifyUser } from '../../notifications/notifications.service.js';
import { userNames } from '../../users/users.service.js';
import * as repo from '../partner.repository.js';
import { caseWorkerOf, serviceNamesOf } from '../partner-views.js';
import { loadPartnerView } from './inbox.js';

// The organisation's answers to an onward referral, from its inbox (a partner user) or through a
// secure link (no account): accept, decline with a reason, record attendance, close with an
// outcome. Each is written for the version the answerer read (a stale one is told what changed,
// who changed it and when), and leaves an onward event (the case timeline), an audit row, a
// notification to the case's worker and realtime notices for the team and the organisation.

/**
 * Who answers. A partner user answers referrals in their organisation's scope; a link holder
 * answers the one referral its link names (the link helper checks the link and its code first).
 */
export type Answerer =
  | { via: 'inbox'; ctx: SignedInContext }
  | { via: 'link'; linkId: string; onwardReferralId: string; ctx: RequestContext };

export interface AnswerSettings {
  /** PARTNER_ACCESS_DAYS: how long after declining or closing the organisation still sees the details. */
  partnerAccessDays: number;
}

export type AcceptAnswer = z.output<typeof AcceptSchema>;
export type DeclineAnswer = z.output<typeof DeclineSchema>;
export type AttendanceAnswer = z.output<typeof AttendanceSchema>;
export type CloseAnswer = z.output<typeof CloseSchema>;

/** Once accepted, a referral is declined only if the person could not be reached or did not want it. */
const DECLINE_AFTER_ACCEPT: readonly DeclineReason[] = ['could_not_contact', 'person_declined'];

const DAY_MS = 86_400_000;

const hasText = (s: string | undefined): s is string => s !== undefined && s.trim() !== '';

export async function acceptOnwardReferral(
  db: Db,
  answerer: Answerer,
  id: string,
  input: AcceptAnswer,
  _settings: AnswerSettings,
  now = new Date(),
): Promise<PartnerReferralView> {
  await answer(db, answerer, id, input.version, now, async (tx, row) => {
    if (row.status !== 'sent') throw notAllowed(row, 'accepted');
    const updated = await repo.updateAnswered(tx, row, { status: 'accepted', acceptedAt: now }, now);
    // A note with the acceptance ("first session Monday at 10") goes to the team on the timeline.
    const details = hasText(input.note) ? { note: input.note.trim() } : {};
    return { updated, event: 'accepted', audit: 'onward.accept', details, title: 'accepted the referral' };
  });
  return loadPartnerView(db, answerer, id, now);
}

export async function declineOnwardReferral(
  db: Db,
  answerer: Answerer,
  id: string,
  input: DeclineAnswer,
  settings: AnswerSettings,
  now = new Date(),
): Promise<PartnerReferralView> {
  if (input.reason === 'other' && !hasText(input.note))
    throw validationError([{ field: 'note', message: 'must say why, when the reason is "other"' }]);
  await answer(db, answerer, id, input.version, now, async (tx, row) => {
    if (row.status === 'accepted') {
      if (!DECLINE_AFTER_ACCEPT.includes(input.reason))
        throw validationError([
          {
            field: 'reason',
            message:
              'once accepted, a referral is declined only because the person could not be contacted or did not want it; close it with an outcome instead',
          },
        ]);
      const attendances = await repo.attendancesOf(tx, row.id);
      if (attendances.length > 0)
        throw conflict('Attendance is already recorded for this referral: close it with an outcome instead.');
    } else if (row.status !== 'sent') throw notAllowed(row, 'declined');
    const updated = await repo.updateAnswered(
      tx,
      row,
      {
        status: 'declined',
        declinedAt: now,
        declineReason: input.reason,
        declineNote: hasText(input.note) ? input.note.trim() : null,
        accessEndsAt: new Date(now.getTime() + settings.partnerAccessDays * DAY_MS),
      },
      now,
    );
    return {
      updated,
      event: 'declined',
      audit: 'onward.decline',
      details: { reason: input.reason },
      title: `declined the referral: ${DECLINE_REASON_LABELS[input.reason].toLowerCase()}`,
    };
  });
  return loadPartnerView(db, answerer, id, now);
}

export async function recordAttendance(
  db: Db,
  answerer: Answerer,
  id: string,
  input: AttendanceAnswer,
  _settings: AnswerSettings,
  now = new Date(),
): Promise<PartnerReferralView> {
  if (input.on > londonDate(now)) throw validationError([{ field: 'on', message: 'must not be in the future' }]);
  if (input.kind === 'did_not_attend' && input.sessions !== 1)
    throw validationError([{ field: 'sessions', message: 'is for sessions attended: a missed session is one entry' }]);
  await answer(db, answerer, id, input.version, now, async (tx, row) => {
    if (row.status !== 'accepted')
      throw conflict(`Attendance is recorded only while a referral is accepted; this one is ${statusWord(row)}.`);
    if (input.on < londonDate(row.createdAt))
      throw validationError([
        { field: 'on', message: `must not be before the referral was sent (${londonDate(row.createdAt)})` },
      ]);
    await repo.insertAttendance(tx, {
      onwardReferralId: row.id,
      kind: input.kind,
      on: input.on,
      sessions: input.sessions,
      recordedByUserId: answerer.via === 'inbox' ? answerer.ctx.actor.userId : null,
    });
    // The answer changes the row's version too, so a colleague's form read before it is stale.
    const updated = await repo.updateAnswered(tx, row, {}, now);
    const what =
      input.kind === 'attended'
        ? `${input.sessions} session${input.sessions === 1 ? '' : 's'} attended`
        : 'a missed session';
    return {
      updated,
      event: 'attendance',
      audit: 'onward.attendance',
      details: { kind: input.kind, on: input.on, sessions: input.sessions },
      title: `recorded ${what}`,
    };
  });
  return loadPartnerView(db, answerer, id, now);
}

export async function closeOnwardReferral(
  db: Db,
  answerer: Answerer,
  id: string,
  input: CloseAnswer,
  settings: AnswerSettings,
  now = new Date(),
): Promise<PartnerReferralView> {
  const note = input.note;
  if (!hasText(note)) throw validationError([{ field: 'note', message: 'must say briefly how it ended' }]);
  await answer(db, answerer, id, input.version, now, async (tx, row) => {
    if (row.status !== 'accepted') throw notAllowed(row, 'closed');
    if (input.outcome === 'never_attended') {
      const attended = (await repo.attendancesOf(tx, row.id)).some((a) => a.kind === 'attended');
      if (attended)
        throw validationError([{ field: 'outcome', message: 'cannot be "never attended": attendance is recorded' }]);
    }
    const updated = await repo.updateAnswered(
      tx,
      row,
      {
        status: 'closed',
        closedAt: now,
        outcome: input.outcome,
        outcomeNote: note.trim(),
        accessEndsAt: new Date(now.getTime() + settings.partnerAccessDays * DAY_MS),
      },
      now,
    );
    return {
      updated,
      event: 'closed',
      audit: 'onward.close',
      details: { outcome: input.outcome },
      title: `closed the referral: ${ONWARD_OUTCOME_LABELS[input.outcome].toLowerCase()}`,
    };
  });
  return loadPartnerView(db, answerer, id, now);
}

// ---- The steps every answer shares ----

interface Step {
  updated: repo.OnwardRow;
  event: 'accepted' | 'declined' | 'attendance' | 'closed';
  audit: string;
  details: Record<string, unknown>;
  /** Follows the service's name in the worker's notification ("… accepted the referral"). */
  title: string;
}

async function answer(
  db: Db,
  answerer: Answerer,
  id: string,
  version: number,
  now: Date,
  work: (tx: Tx, row: repo.OnwardRow) => Promise<Step>,
): Promise<void> {
  await inTransaction(db, answerer, async (tx) => {
    const row = await findAnswerable(tx, answerer, id);
    if (row.version !== version) throw await staleAnswer(tx, row);
    const step = await work(tx, row);
    await recordStep(tx, answerer, step, now);
  });
}

/**
 * A partner's answer runs as a signed-in use-case; a link holder has no account, so a plain
 * transaction, under the same restriction of processing as a signed-in change.
 */
function inTransaction(db: Db, answerer: Answerer, work: (tx: Tx) => Promise<void>): Promise<void> {
  if (answerer.via === 'inbox') return runUseCase(db, answerer.ctx, (tx) => work(tx));
  return db.transaction(async (tx) => {
    await enforceRestriction(tx);
    await work(tx);
  });
}

/** The referral this answerer may answer, locked; anything else is not found. */
export async function findAnswerable(tx: Tx, answerer: Answerer, id: string): Promise<repo.OnwardRow> {
  const row =
    answerer.via === 'inbox'
      ? await repo.findInPartnerScope(tx, answerer.ctx.actor.scope, id, { lock: true })
      : id === answerer.onwardReferralId
        ? await repo.findForLink(tx, id, { lock: true })
        : null;
  if (!row) throw notFound('referral');
  return row;
}

async function recordStep(tx: Tx, answerer: Answerer, step: Step, now: Date): Promise<void> {
  const row = step.updated;
  const linkDetails = answerer.via === 'link' ? { linkId: answerer.linkId } : {};
  await repo.insertEvent(tx, {
    onwardReferralId: row.id,
    type: step.event,
    at: now,
    actorUserId: answerer.via === 'inbox' ? answerer.ctx.actor.userId : null,
    via: answerer.via,
    details: { ...step.details, ...linkDetails },
  });
  // A link holder has no user: the row names no actor, and says which link acted. It belongs to
  // the referral's ICB either way, so that ICB's admins can find it.
  await writeAudit(tx, answerer.ctx, {
    action: step.audit,
    entityType: 'onward_referral',
    entityId: row.id,
    details: { via: answerer.via, version: row.version, ...step.details, ...linkDetails },
    icbId: row.icbId,
  });
  const worker = await caseWorkerOf(tx, row);
  const names = await serviceNamesOf(tx, [row]);
  const serviceName = names.get(row.serviceId)?.service.name ?? 'The service';
  if (worker)
    await notifyUser(tx, {
      userId: worker.id,
      kind: `onward.${step.event}`,
      title: `${serviceName} ${step.title}`,
      link: `/referrals/${row.referralId}/case`,
    });
  // A resident's own self-referral has no team to tell.
  if (row.pcnId && row.referralId) {
    await publish(tx, { type: 'onward.changed', pcnId: row.pcnId, referralId: row.referralId });
  }
  if (row.vcsOrganisationId) await publish(tx, { type: 'onward.changed', vcsOrganisationId: row.vcsOrganisationId });
}

const statusWord = (row: Pick<repo.OnwardRow, 'status'>) => ONWARD_STATUS_LABELS[row.status].toLowerCase();

function notAllowed(row: repo.OnwardRow, wanted: string): AppError {
  return conflict(`This referral is ${statusWord(row)}: it can no longer be ${wanted}. Reload to see where it stands.`);
}

const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' });
/** "10:02 on 5 December 2026", in London time. */
const whenOf = (at: Date) => `${clock.format(at)} on ${day.format(at)}`;

/** The 409 of a stale answer: what changed since the answerer read it, who changed it and when. */
async function staleAnswer(tx: Tx, row: repo.OnwardRow): Promise<AppError> {
  const last = await repo.latestAnswerEvent(tx, row.id);
  if (!last) return conflict('This referral changed since you opened it; reload to see it.');
  const who =
    last.via === 'link'
      ? 'the organisation through its secure link'
      : last.via === 'system'
        ? 'Waymark'
        : last.actorUserId
          ? ((await userNames(tx, [last.actorUserId])).get(last.actorUserId) ?? 'a colleague')
          : 'a colleague';
  const what = last.type === 'attendance' ? 'had attendance recorded' : `was ${last.type}`;
  return new AppError('conflict', {
    userMessage: `This referral ${what} by ${who} at ${whenOf(last.at)}; reload to see it.`,
    details: { code: 'stale_version', version: row.version, changed: last.type, at: last.at.toISOString() },
  });
}
