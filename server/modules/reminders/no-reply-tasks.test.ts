import { describe, expect, it } from 'vitest';
import type { CaseFacts } from './due-tasks.js';
import { chaseDueOn, noReplyTaskFor, noReplyTasks, type OnwardFacts } from './no-reply-tasks.js';

const worked: CaseFacts = {
  referralId: 'case1',
  pcnId: 'p1',
  status: 'active',
  allocatedWorkerId: 'tom',
  coverWorkerId: null,
  firstContactDueOn: null,
  firstContactOn: '2026-05-01',
  lastAttendedContactOn: null,
  planReviewOn: null,
};
// Reply due on Friday 22 May 2026; Monday 25 May is the spring bank holiday.
const sent: OnwardFacts = { id: 'o1', referralId: 'case1', kind: 'referral', status: 'sent', replyDueOn: '2026-05-22' };
const taskOn = (today: string, o: Partial<OnwardFacts> = {}, c: Partial<CaseFacts> = {}) =>
  noReplyTaskFor({ ...sent, ...o }, { ...worked, ...c }, today);

describe('when a reply is chased', () => {
  it('is the first working day after the reply date, skipping weekends and bank holidays', () => {
    expect(chaseDueOn('2026-05-22')).toBe('2026-05-26'); // Friday before the spring bank holiday → Tuesday
    expect(chaseDueOn('2026-05-20')).toBe('2026-05-21'); // Wednesday → Thursday
    expect(chaseDueOn('2026-12-24')).toBe('2026-12-29'); // Christmas Day, and Boxing Day's substitute Monday
    expect(chaseDueOn('2026-04-02')).toBe('2026-04-07'); // Good Friday and Easter Monday
  });

  it('is not due over the weekend nor on the bank holiday after a Friday reply date', () => {
    for (const today of ['2026-05-22', '2026-05-23', '2026-05-24', '2026-05-25']) expect(taskOn(today)).toBeNull();
  });

  it('is due on the Tuesday after, for the case’s worker, naming the onward referral', () => {
    expect(taskOn('2026-05-26')).toEqual({
      userId: 'tom',
      referralId: 'case1',
      pcnId: 'p1',
      kind: 'onward_no_reply',
      dueOn: '2026-05-26',
      onwardReferralId: 'o1',
    });
  });

  it('keeps its due date on later days (so a task marked done is not made again)', () => {
    expect(taskOn('2026-06-30')?.dueOn).toBe('2026-05-26');
  });

  it('goes to the covering colleague while the case is covered', () => {
    expect(taskOn('2026-05-26', {}, { coverWorkerId: 'hannah' })?.userId).toBe('hannah');
  });
});

describe('when no reply is chased', () => {
  it('once the organisation answered (accepted, declined, closed)', () => {
    for (const status of ['accepted', 'declined', 'closed']) expect(taskOn('2026-06-01', { status })).toBeNull();
  });

  it('for a signpost, or a referral without a reply date', () => {
    expect(taskOn('2026-06-01', { kind: 'signpost', status: 'signposted', replyDueOn: null })).toBeNull();
    expect(taskOn('2026-06-01', { replyDueOn: null })).toBeNull();
  });

  it('for a case nobody works: discharged, not yet allocated, or with no worker', () => {
    expect(taskOn('2026-06-01', {}, { status: 'discharged' })).toBeNull();
    expect(taskOn('2026-06-01', {}, { status: 'triaged' })).toBeNull();
    expect(taskOn('2026-06-01', {}, { allocatedWorkerId: null })).toBeNull();
    expect(noReplyTaskFor(sent, undefined, '2026-06-01')).toBeNull();
  });
});

describe('noReplyTasks', () => {
  it('matches each onward referral to its own case, one task each', () => {
    const other: CaseFacts = { ...worked, referralId: 'case2', allocatedWorkerId: 'sam' };
    const tasks = noReplyTasks(
      [
        sent,
        { ...sent, id: 'o2' },
        { ...sent, id: 'o3', referralId: 'case2' },
        { ...sent, id: 'o4', referralId: 'unknown' },
      ],
      [worked, other],
      '2026-05-26',
    );
    expect(tasks.map((t) => [t.onwardReferralId, t.userId, t.referralId])).toEqual([
      ['o1', 'tom', 'case1'],
      ['o2', 'tom', 'case1'],
      ['o3', 'sam', 'case2'],
    ]);
  });
});
