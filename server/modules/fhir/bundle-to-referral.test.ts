import { describe, expect, it } from 'vitest';
import { readReferralMessage } from './bundle-to-referral.js';
import { FhirError } from './operation-outcome.js';

// The mapping alone: what a Bundle becomes as an intake body, and where each field came from.

const BARS = 'https://fhir.nhs.uk/CodeSystem/message-events-bars';
const bundle = (entries: unknown[], extra: Record<string, unknown> = {}) => ({
  resourceType: 'Bundle',
  id: 'msg-1',
  type: 'message',
  entry: entries.map((resource) => ({ resource })),
  ...extra,
});
const header = {
  resourceType: 'MessageHeader',
  id: 'mh-1',
  eventCoding: { system: BARS, code: 'servicerequest-request' },
  focus: [{ reference: 'ServiceRequest/sr-1' }],
};
const serviceRequest = {
  resourceType: 'ServiceRequest',
  id: 'sr-1',
  status: 'active',
  intent: 'order',
  subject: { reference: 'Patient/p-1' },
  priority: 'asap',
  reasonCode: [{ coding: [{ system: 'https://waymark.example/CodeSystem/referral-reason', code: 'housing' }] }],
};
const patient = {
  resourceType: 'Patient',
  id: 'p-1',
  identifier: [
    { system: 'https://example.org/mrn', value: 'X1' },
    { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000018' },
  ],
  name: [{ given: ['Ann', 'Marie'], family: 'Example' }],
  birthDate: '1970-01-01',
  telecom: [
    { system: 'email', value: 'ann@example.org', rank: 2 },
    { system: 'sms', value: '07700900982', rank: 1 },
  ],
};
const consent = (scope: string) => ({
  resourceType: 'Consent',
  status: 'active',
  scope: { coding: [{ code: scope }] },
});

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    if (err instanceof FhirError) return err.issues;
    throw err;
  }
  throw new Error('expected a FhirError');
}

describe('readReferralMessage', () => {
  it('maps a referral message onto the intake body, remembering each element', () => {
    const m = readReferralMessage(bundle([header, serviceRequest, patient, consent('treatment')]));
    expect(m).toMatchObject({ bundleId: 'msg-1', messageHeaderId: 'mh-1', kind: 'new', serviceRequestId: 'sr-1' });
    expect(m.body).toMatchObject({
      source: 'practice',
      reasons: ['housing'],
      urgencyRequested: 'urgent',
      consentToReferral: true,
      consentToShare: false,
      person: {
        nhsNumber: '9990000018',
        givenName: 'Ann Marie',
        familyName: 'Example',
        phone: '07700900982',
        email: 'ann@example.org',
        preferredContact: 'text',
      },
    });
    expect(m.paths.get('person.nhsNumber')).toBe('Bundle.entry[2].resource.identifier[1].value');
    expect(m.paths.get('person.dateOfBirth')).toBe('Bundle.entry[2].resource.birthDate');
    expect(m.paths.get('reasons')).toBe('Bundle.entry[1].resource.reasonCode');
  });

  it('takes consent to share only from an active patient-privacy Consent, and revoked as a cancellation', () => {
    const m = readReferralMessage(
      bundle([
        header,
        { ...serviceRequest, status: 'revoked' },
        patient,
        consent('treatment'),
        consent('patient-privacy'),
      ]),
    );
    expect([m.kind, m.body.consentToShare]).toEqual(['revoke', true]);
  });

  it('names every structural problem at once', () => {
    const issues = issuesOf(() =>
      readReferralMessage(
        bundle([{ ...header, eventCoding: { system: BARS, code: 'booking-request' } }], { type: 'collection', id: '' }),
      ),
    );
    expect(issues.map((i) => i.expression)).toEqual([
      'Bundle.type',
      'Bundle.id',
      'Bundle.entry[0].resource.eventCoding',
      'Bundle.entry',
      'Bundle.entry',
    ]);
  });

  it('refuses what is not a Bundle', () => {
    expect(issuesOf(() => readReferralMessage({ resourceType: 'Patient' }))[0]).toMatchObject({ expression: 'Bundle' });
  });
});
