import { describe, expect, it } from 'vitest';
import type { Scope } from '../../platform/access/scope.js';
import { mailDomainOf } from './mailer.js';
import { liveEventPayload, mayHear, residentChannel } from './notifications.service.js';
import { DEFAULT_RETRY_BASE_MS, DEFAULT_RETRY_MAX_MS, retryDelayMs } from './outbox.js';

const pcnScope: Scope = { kind: 'pcn', icbId: 'icb', pcnId: 'pcn-a' };
const practiceScope: Scope = { kind: 'practice', icbId: 'icb', pcnId: 'pcn-a', practiceId: 'gp-1' };

describe('who hears a live event (mayHear)', () => {
  const cases: [string, { userId: string; scope: Scope }, Parameters<typeof mayHear>[1], boolean][] = [
    [
      'the PCN team hears its PCN',
      { userId: 'u1', scope: pcnScope },
      { type: 'referral.received', pcnId: 'pcn-a' },
      true,
    ],
    ['not another PCN', { userId: 'u1', scope: pcnScope }, { type: 'referral.received', pcnId: 'pcn-b' }, false],
    [
      'a practice user does not hear the PCN queue, although the practice is in that PCN',
      { userId: 'u2', scope: practiceScope },
      { type: 'referral.received', pcnId: 'pcn-a' },
      false,
    ],
    [
      'anyone hears an event for them',
      { userId: 'u2', scope: practiceScope },
      { type: 'notification.created', userId: 'u2' },
      true,
    ],
    [
      'nobody hears one for someone else',
      { userId: 'u1', scope: pcnScope },
      { type: 'notification.created', userId: 'u2' },
      false,
    ],
    [
      'an ICB-wide user hears no PCN event',
      { userId: 'u3', scope: { kind: 'icb', icbId: 'icb' } },
      { type: 'referral.received', pcnId: 'pcn-a' },
      false,
    ],
    [
      "a video call's relay reaches no one's stream, even one naming them",
      { userId: 'u1', scope: pcnScope },
      { type: 'relay', pcnId: 'pcn-a', userId: 'u1', relay: { room: 'a', to: 'c', body: {} } },
      false,
    ],
    ['internal events reach no one', { userId: 'u1', scope: pcnScope }, { type: 'outbox.queued' }, false],
    [
      "a partner hears its own organisation's inbox",
      { userId: 'u4', scope: { kind: 'vcs', icbId: 'icb', vcsOrganisationId: 'vcs-a' } },
      { type: 'onward.changed', vcsOrganisationId: 'vcs-a' },
      true,
    ],
    [
      "not another organisation's",
      { userId: 'u4', scope: { kind: 'vcs', icbId: 'icb', vcsOrganisationId: 'vcs-a' } },
      { type: 'onward.changed', vcsOrganisationId: 'vcs-b' },
      false,
    ],
    [
      "the team does not hear a partner's inbox event that also names its PCN",
      { userId: 'u1', scope: pcnScope },
      { type: 'onward.changed', vcsOrganisationId: 'vcs-a', pcnId: 'pcn-a' },
      false,
    ],
  ];
  it.each(cases)('%s', (_name, principal, event, expected) => {
    expect(mayHear(principal, event)).toBe(expected);
  });

  it('sends the type and ids only, not whom it was for', () => {
    expect(liveEventPayload({ type: 'referral.received', pcnId: 'p', referralId: 'r', userId: 'u' })).toEqual({
      type: 'referral.received',
      pcnId: 'p',
      referralId: 'r',
    });
  });
});

describe('outbox retry backoff', () => {
  it('doubles from the base up to the cap', () => {
    expect(retryDelayMs(1)).toBe(DEFAULT_RETRY_BASE_MS);
    expect(retryDelayMs(2)).toBe(2 * DEFAULT_RETRY_BASE_MS);
    expect(retryDelayMs(3)).toBe(4 * DEFAULT_RETRY_BASE_MS);
    expect(retryDelayMs(50)).toBe(DEFAULT_RETRY_MAX_MS);
    expect(retryDelayMs(3, 0)).toBe(0);
  });
});

describe('mailDomainOf', () => {
  it('takes the domain of the From address', () => {
    expect(mailDomainOf('Waymark <no-reply@waymark.example>')).toBe('waymark.example');
    expect(mailDomainOf('team@pcn.nhs.example')).toBe('pcn.nhs.example');
    expect(mailDomainOf('nonsense')).toBe('waymark.invalid');
  });
});

describe('residentChannel: where a text or email to a person goes', () => {
  const person = { phone: '07700 900501', email: 'person@example.org' };
  it.each([
    ['text', { channel: 'sms', recipient: '07700 900501' }],
    ['email', { channel: 'email', recipient: 'person@example.org' }],
    ['phone', null],
    ['letter', null],
    [null, null],
  ])('preferred contact %s', (preferredContact, expected) => {
    expect(residentChannel({ ...person, preferredContact })).toEqual(expected);
  });
  it('none without the number or address the preference needs', () => {
    expect(residentChannel({ preferredContact: 'text', phone: '  ', email: 'person@example.org' })).toBeNull();
    expect(residentChannel({ preferredContact: 'email', phone: '07700 900501', email: null })).toBeNull();
  });
});
