import { describe, expect, it } from 'vitest';
import { EMPTY_PLAN } from '../../../common/care-plan';
import { fromDraft, toDraft } from './plan-draft';

describe('fromDraft: an empty plan', () => {
  it('is refused on what matters to the person, before anything is sent', () => {
    const { errors } = fromDraft(toDraft({ ...EMPTY_PLAN, whatMattersToMe: '  ' }));
    expect(errors.whatMattersToMe).toMatch(/^is required, or add at least one goal/);
  });

  it('is a plan once it says what matters, or has a goal', () => {
    expect(fromDraft(toDraft({ ...EMPTY_PLAN, whatMattersToMe: 'My garden' })).errors).toEqual({});
    const goalOnly = toDraft({ ...EMPTY_PLAN, goals: [{ text: 'Walk to the shop', targetDate: null, progress: [] }] });
    expect(fromDraft(goalOnly).errors).toEqual({});
  });
});
