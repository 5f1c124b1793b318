import { describe, expect, it } from 'vitest';
import type { Principal, SignedInContext } from '../context.js';
import { requirePcnActor } from './pcn-member.js';

const as = (scope: Principal['scope']): SignedInContext => ({
  actor: { userId: 'u-1', name: 'Someone', role: 'link_worker', scope, permissions: [] },
  ip: null,
  requestId: null,
});

describe('requirePcnActor', () => {
  it('lets a member of a PCN team through, as they are', () => {
    const ctx = as({ kind: 'pcn', icbId: 'icb-1', pcnId: 'pcn-1' });
    expect(requirePcnActor(ctx)).toBe(ctx.actor);
  });

  it.each([
    ['a practice', { kind: 'practice', icbId: 'icb-1', pcnId: 'pcn-1', practiceId: 'p-1' }],
    ['an ICB-wide role', { kind: 'icb', icbId: 'icb-1' }],
    ['a VCS organisation', { kind: 'vcs', icbId: 'icb-1', vcsOrganisationId: 'v-1' }],
  ] as const)('answers 404 naming the thing asked for to %s, as for a record out of scope', (_who, scope) => {
    expect(() => requirePcnActor(as(scope), 'queue')).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => requirePcnActor(as(scope), 'queue')).toThrow(/queue/);
    expect(() => requirePcnActor(as(scope))).toThrow(/referral/);
  });
});
