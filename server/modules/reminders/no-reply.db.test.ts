import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { requestsAs } from '../../test/requests.js';
import { setUpTestApp } from '../../test/team.js';
import { createTestListing, createTestOrganization } from '../directory/listings/test-listings.js';
import { onwardEvents, onwardReferrals } from '../onward-referrals/onward-referrals.tables.js';
import { createTestOnwardReferral, type OnwardCase, signpostOf } from '../onward-referrals/test-chase.js';
import { referrals } from '../referrals/referrals.tables.js';
import { createAllocatedReferral } from '../triage/test-referrals.js';
import { runReminders } from './reminders.service.js';
import { reminderTasks } from './reminders.tables.js';

// Chasing a reply (issue 12, point 4): the daily run makes an 'onward_no_reply' task for the
// case's worker once an onward referral is still unanswered after its reply date, through the
// real run and the real task list. Onward rows are inserted straight into the tables.

const { ctx, tenancy, tom, hannah } = setUpTestApp({ team: { tom: 'link_worker', hannah: 'health_coach' } });
const { get, post } = requestsAs(ctx);

// Reply due on Friday 22 May 2026; Monday 25 May is the spring bank holiday.
const FRIDAY = '2026-05-22';
const at = (day: string) => new Date(`${day}T08:00:00+01:00`);
const runOn = (day: string) => runReminders(ctx.db, { now: at(day), noContactDays: 10_000 });
const noReplyTasks = (onwardId: string) =>
  ctx.db
    .select()
    .from(reminderTasks)
    .where(and(eq(reminderTasks.kind, 'onward_no_reply'), eq(reminderTasks.onwardReferralId, onwardId)));
const chasedEvents = (onwardId: string) =>
  ctx.db
    .select()
    .from(onwardEvents)
    .where(and(eq(onwardEvents.onwardReferralId, onwardId), eq(onwardEvents.type, 'chased')));

let theCase: OnwardCase;
let service: { id: string; organizationId: string; name: string };
const onward: Record<'waiting' | 'answered' | 'signpost' | 'later', string> = {
  waiting: '',
  answered: '',
  signpost: '',
  later: '',
};

beforeAll(async () => {
  const c = await createAllocatedReferral(ctx.db, tenancy, tom, {
    status: 'active',
    firstContactAt: at('2026-05-01'),
  });
  theCase = { referralId: c.id, personId: c.personId, workerId: tom.id };
  const org = await createTestOrganization(ctx.db, tenancy.icbId);
  const listing = await createTestListing(ctx.db, tenancy.icbId, {
    organization_id: org.id,
    name: 'Heaton Allotment Club',
  });
  service = { id: listing.id, organizationId: org.id, name: listing.name };
  const send = (extra = {}) => createTestOnwardReferral(ctx.db, tenancy, theCase, service, extra);
  onward.waiting = (await send({ replyDueOn: FRIDAY })).id;
  onward.answered = (await send({ replyDueOn: FRIDAY, status: 'accepted', acceptedAt: at(FRIDAY) })).id;
  onward.signpost = (await send(signpostOf())).id;
  onward.later = (await send({ replyDueOn: '2026-05-29' })).id;
}, 60_000);

describe('no reply from the organisation', () => {
  it('is not chased over the weekend nor on the bank holiday after a Friday reply date', async () => {
    for (const day of [FRIDAY, '2026-05-23', '2026-05-25']) {
      await runOn(day);
      expect(await noReplyTasks(onward.waiting)).toEqual([]);
    }
  });

  it('makes one task on the Tuesday for the case’s worker, and puts the chase on the timeline once', async () => {
    const report = await runOn('2026-05-26');
    expect(report.created).toBe(1);
    const [task, ...more] = await noReplyTasks(onward.waiting);
    expect(more).toEqual([]);
    expect(task).toMatchObject({ userId: tom.id, referralId: theCase.referralId, dueOn: '2026-05-26', doneAt: null });
    expect((await chasedEvents(onward.waiting)).map((e) => [e.via, e.actorUserId, e.details])).toEqual([
      ['system', null, { replyDueOn: FRIDAY, taskDueOn: '2026-05-26' }],
    ]);
    expect(await runOn('2026-05-27')).toMatchObject({ created: 0, withdrawn: 0 });
    expect(await chasedEvents(onward.waiting)).toHaveLength(1);
  });

  it('makes none for a referral already answered, a signpost, or one not yet due', async () => {
    await runOn('2026-05-27');
    expect(await noReplyTasks(onward.answered)).toEqual([]);
    expect(await noReplyTasks(onward.signpost)).toEqual([]);
    expect(await noReplyTasks(onward.later)).toEqual([]);
  });

  it('says “No reply from <service>” in the worker’s task list, linked to the case', async () => {
    const res = await get(tom, '/api/tasks');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      kind: string;
      kindLabel: string;
      referralId: string;
      onwardReferralId: string;
    }[];
    const chase = items.filter((i) => i.kind === 'onward_no_reply');
    expect(chase).toEqual([
      expect.objectContaining({
        kindLabel: 'No reply from Heaton Allotment Club',
        referralId: theCase.referralId,
        onwardReferralId: onward.waiting,
      }),
    ]);
    expect((await get(hannah, '/api/tasks')).json().items).toEqual([]);
  });

  it('once marked done, is not made again for the same due date', async () => {
    const [task] = await noReplyTasks(onward.waiting);
    expect((await post(tom, `/api/tasks/${task?.id}/done`)).statusCode).toBe(200);
    expect(await runOn('2026-05-29')).toMatchObject({ created: 0 });
    const rows = await noReplyTasks(onward.waiting);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.doneAt).not.toBeNull();
  });

  it('goes to the covering colleague, and is withdrawn once the organisation answers', async () => {
    await ctx.db.update(referrals).set({ coverWorkerId: hannah.id }).where(eq(referrals.id, theCase.referralId));
    await runOn('2026-06-03'); // 'later' (due Friday 29 May) falls due on Monday 1 June
    const [later] = await noReplyTasks(onward.later);
    expect(later).toMatchObject({ userId: hannah.id, dueOn: '2026-06-01', doneAt: null });
    await ctx.db.update(onwardReferrals).set({ status: 'declined' }).where(eq(onwardReferrals.id, onward.later));
    expect(await runOn('2026-06-04')).toMatchObject({ created: 0, withdrawn: 1 });
    expect(await noReplyTasks(onward.later)).toEqual([]);
  });
});
