import { describe, expect, it } from 'vitest';
import { type CarePlanContent, EMPTY_PLAN } from '../../../common/care-plan.js';
import { diffPlans } from './diff.js';

const base: CarePlanContent = {
  ...EMPTY_PLAN,
  whatMattersToMe: 'My grandchildren',
  goals: [
    { text: 'Walk to the park', targetDate: '2026-03-01', progress: [{ date: '2026-01-10', score: 2, note: '' }] },
  ],
};

describe('diffPlans', () => {
  it('finds nothing between equal plans', () => {
    expect(diffPlans(base, structuredClone(base))).toEqual([]);
  });

  it('names each changed field by its path', () => {
    const next = structuredClone(base);
    next.whatMattersToMe = 'My grandchildren and my garden';
    (next.goals[0] as CarePlanContent['goals'][number]).targetDate = '2026-04-01';
    expect(diffPlans(base, next)).toEqual([
      {
        field: 'whatMattersToMe',
        kind: 'changed',
        from: 'My grandchildren',
        to: 'My grandchildren and my garden',
      },
      { field: 'goals.0.targetDate', kind: 'changed', from: '2026-03-01', to: '2026-04-01' },
    ]);
  });

  it('reports added and removed list items field by field', () => {
    const next = structuredClone(base);
    next.goals[0]?.progress.push({ date: '2026-02-10', score: 5, note: 'Twice a week' });
    next.actions.push({ who: 'Tom', what: 'Find a walking group', byWhen: null, done: false });
    const changes = diffPlans(base, next);
    expect(changes).toContainEqual({ field: 'goals.0.progress.1.score', kind: 'added', from: null, to: 5 });
    expect(changes).toContainEqual({ field: 'actions.0.what', kind: 'added', from: null, to: 'Find a walking group' });
    expect(changes).toContainEqual({ field: 'actions.0.byWhen', kind: 'added', from: null, to: null });
    expect(diffPlans(next, base)).toContainEqual({
      field: 'goals.0.progress.1.note',
      kind: 'removed',
      from: 'Twice a week',
      to: null,
    });
  });

  it('tells a value set to null from an unchanged null', () => {
    const next = { ...base, agreedOn: '2026-01-10' };
    expect(diffPlans(base, next)).toEqual([{ field: 'agreedOn', kind: 'changed', from: null, to: '2026-01-10' }]);
    expect(diffPlans(next, base)).toEqual([{ field: 'agreedOn', kind: 'changed', from: '2026-01-10', to: null }]);
  });
});
