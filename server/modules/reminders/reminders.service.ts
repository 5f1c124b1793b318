import { TASK_KIND_LABELS, type TaskItem, type TaskList } from '../../../common/reminders.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { SignedInContext } from '../../platform/context.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { runUseCase } from '../../platform/use-case.js';
import { planReviewDates } from '../care-plans/care-plans.service.js';
import { lastContactsOf } from '../cases/cases.service.js';
import { referralServiceNames } from '../directory/referral-settings/referral-settings.service.js';
import { findUnansweredReferrals, recordChased, servicesOfOnwardReferrals } from '../onward-referrals/chase.service.js';
import { peopleByIds } from '../people/people.service.js';
import { restrictedPeople } from '../records/restrictions.service.js';
import { teamScopeOf, workLists } from '../referrals/referrals.service.js';
import { londonToday } from '../workforce/workforce.service.js';
import { type CaseFacts, type DueTask, dueTasks } from './due-tasks.js';
import { noReplyTasks } from './no-reply-tasks.js';
import * as repo from './reminders.repository.js';

export interface ReminderRunReport {
  today: string;
  due: number;
  created: number;
  withdrawn: number;
}

const keyOf = (t: Pick<DueTask, 'userId' | 'referralId' | 'kind' | 'dueOn'> & { onwardReferralId?: string | null }) =>
  `${t.referralId}|${t.kind}|${t.dueOn}|${t.userId}|${t.onwardReferralId ?? ''}`;

/**
 * The facts the daily scan needs about every open case, across all PCNs: the open cases from the
 * referrals module, then per PCN their last attended contact (cases) and plan review date (care
 * plans) — one query per module and PCN, each through the module's service.
 */
async function openCaseFacts(tx: DbOrTx): Promise<CaseFacts[]> {
  // People whose processing is restricted (UK GDPR Article 18) get no new reminders.
  const all = await workLists.findOpenCasesForReminders(tx);
  const restricted = await restrictedPeople(
    tx,
    all.map((c) => c.personId),
  );
  const open = all.filter((c) => !restricted.has(c.personId));
  const byPcn = new Map<string, typeof open>();
  for (const c of open) {
    const list = byPcn.get(c.pcnId);
    if (list) list.push(c);
    else byPcn.set(c.pcnId, [c]);
  }
  const facts: CaseFacts[] = [];
  for (const cases of byPcn.values()) {
    const scope = teamScopeOf(cases[0] as (typeof cases)[number]);
    const lastContacts = await lastContactsOf(
      tx,
      scope,
      cases.map((c) => c.referralId),
    );
    const reviews = await planReviewDates(
      tx,
      scope,
      cases.map((c) => c.personId),
    );
    for (const { personId, icbId: _icb, ...c } of cases) {
      const last = lastContacts.get(c.referralId);
      facts.push({
        ...c,
        lastAttendedContactOn: last ? londonToday(new Date(last)) : null,
        planReviewOn: reviews.get(personId) ?? null,
      });
    }
  }
  return facts;
}

/**
 * The daily run: creates the tasks due on `now`'s London date. Idempotent (unique indexes, insert
 * or nothing), so a second run the same day, or two instances at once, create nothing new.
 * Open tasks that no longer apply (the contact was made, the case was discharged, handed over
 * or is now covered by someone else, the organisation answered) are withdrawn, so each worker's
 * list stays true. A no-reply task just made is also put on the case timeline ('chased').
 */
export async function runReminders(
  db: Db,
  { now, noContactDays }: { now: Date; noContactDays: number },
): Promise<ReminderRunReport> {
  const today = londonToday(now);
  return db.transaction(async (tx) => {
    const cases = await openCaseFacts(tx);
    const unanswered = await findUnansweredReferrals(tx, today);
    const due = [...dueTasks(cases, today, noContactDays), ...noReplyTasks(unanswered, cases, today)];
    const wanted = new Set(due.map(keyOf));
    const stale = (await repo.findOpenTasks(tx)).filter((t) => !wanted.has(keyOf(t))).map((t) => t.id);
    await repo.deleteTasks(tx, stale);
    const created = await repo.insertTasks(tx, due);
    const replyDue = new Map(unanswered.map((o) => [o.id, o.replyDueOn]));
    await recordChased(
      tx,
      created.flatMap((t) =>
        t.onwardReferralId
          ? [
              {
                onwardReferralId: t.onwardReferralId,
                replyDueOn: replyDue.get(t.onwardReferralId) ?? null,
                taskDueOn: t.dueOn,
              },
            ]
          : [],
      ),
    );
    return { today, due: due.length, created: created.length, withdrawn: stale.length };
  });
}

/** "No reply from <service>" for each onward task: the service its referral went to, by name. */
async function noReplyLabels(db: Db, ctx: SignedInContext, rows: repo.TaskRow[]): Promise<Map<string, string>> {
  const onwardIds = rows.flatMap((r) => (r.onwardReferralId ? [r.onwardReferralId] : []));
  const serviceOf = await servicesOfOnwardReferrals(db, ctx.actor.scope, onwardIds);
  const names = await referralServiceNames(db, ctx.actor.scope.icbId, [...new Set(serviceOf.values())]);
  const labels = new Map<string, string>();
  for (const [onwardId, serviceId] of serviceOf) {
    const name = names.get(serviceId);
    if (name) labels.set(onwardId, `No reply from ${name}`);
  }
  return labels;
}

/** The signed-in worker's open tasks, oldest due date first. */
export async function listOwnTasks(db: Db, ctx: SignedInContext): Promise<TaskList> {
  const { actor } = ctx;
  const rows = await repo.findOpenTasksOfUser(db, actor.userId);
  const links = await workLists.findReferralPeople(db, actor.scope, [...new Set(rows.map((r) => r.referralId))]);
  const personOf = new Map(links.map((l) => [l.id, l.personId]));
  const noReply = await noReplyLabels(db, ctx, rows);
  const people = await peopleByIds(
    db,
    actor.scope,
    links.map((l) => l.personId),
  );
  const items = rows.map((r): TaskItem => {
    const p = people.get(personOf.get(r.referralId) ?? '');
    return {
      id: r.id,
      kind: r.kind,
      kindLabel: (r.onwardReferralId && noReply.get(r.onwardReferralId)) || TASK_KIND_LABELS[r.kind],
      onwardReferralId: r.onwardReferralId,
      dueOn: r.dueOn,
      createdAt: r.createdAt.toISOString(),
      referralId: r.referralId,
      person: { givenName: p?.givenName ?? '', familyName: p?.familyName ?? '' },
    };
  });
  return { items };
}

/** Marks one of the worker's own tasks done; anyone else's (or an unknown id) is not found. */
export async function completeTask(db: Db, ctx: SignedInContext, id: string): Promise<{ id: string; doneAt: string }> {
  const { actor } = ctx;
  return runUseCase(db, ctx, async (tx) => {
    const row = await repo.markTaskDone(tx, actor.userId, id, new Date());
    if (!row?.doneAt) throw notFound('task');
    await writeAudit(tx, ctx, {
      action: 'task.done',
      entityType: 'referral',
      entityId: row.referralId,
      details: { taskId: row.id, kind: row.kind },
    });
    return { id: row.id, doneAt: row.doneAt.toISOString() };
  });
}
