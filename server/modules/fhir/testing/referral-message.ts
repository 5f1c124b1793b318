import { randomInt, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { isValidNhsNumber } from '../../../../common/nhs-number.js';

// Synthetic FHIR traffic of a GP system, shared by the FHIR edge's tests and its benchmark (so no
// test-runner import here): a signing key and its client assertion, and a BaRS-style referral
// message. Synthetic people only, NHS numbers from the 999 test range.

/** A random valid NHS number in the test range 999 000 0000 – 999 999 9999. */
export function syntheticNhsNumber(): string {
  for (;;) {
    const candidate = `999${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
    if (isValidNhsNumber(candidate)) return candidate;
  }
}

let names = 0;
const syntheticFamilyName = () => `Fhirperson${process.pid}x${++names}x${randomInt(0, 1_000_000)}`;

export type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export const BARS = 'https://fhir.nhs.uk/CodeSystem/message-events-bars';
export const NHS_NUMBER = 'https://fhir.nhs.uk/Id/nhs-number';

export async function keyPair() {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
  return { privateKey, jwks: JSON.stringify({ keys: [jwk] }) };
}

export async function clientAssertion(clientId: string, privateKey: PrivateKey, tokenUrl: string) {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: 'test-key' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(tokenUrl)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime('2m')
    .sign(privateKey);
}

export interface ReferralMessageOptions {
  ods: string;
  nhsNumber?: string;
  status?: 'active' | 'revoked';
  serviceRequestId?: string;
  familyName?: string;
}

/** A BaRS-style referral message (servicerequest-request) from the practice with this ODS code. */
export function referralMessage(opts: ReferralMessageOptions) {
  const srId = opts.serviceRequestId ?? randomUUID();
  const resources = [
    {
      resourceType: 'MessageHeader',
      id: randomUUID(),
      eventCoding: { system: BARS, code: 'servicerequest-request' },
      reason: { coding: [{ code: opts.status === 'revoked' ? 'update' : 'new' }] },
      source: { endpoint: 'https://gp.example/fhir' },
      focus: [{ reference: `ServiceRequest/${srId}` }],
    },
    {
      resourceType: 'ServiceRequest',
      id: srId,
      status: opts.status ?? 'active',
      intent: 'order',
      subject: { reference: 'Patient/pat-1' },
      requester: { reference: 'Practitioner/gp-1' },
      priority: 'routine',
      reasonCode: [{ coding: [{ system: 'https://waymark.example/CodeSystem/referral-reason', code: 'loneliness' }] }],
    },
    {
      resourceType: 'Patient',
      id: 'pat-1',
      identifier: [{ system: NHS_NUMBER, value: opts.nhsNumber ?? syntheticNhsNumber() }],
      name: [{ use: 'official', given: ['Delia'], family: opts.familyName ?? syntheticFamilyName() }],
      birthDate: '1958-03-02',
      gender: 'female',
      telecom: [{ system: 'phone', value: '07700 900123', rank: 1 }],
      address: [{ use: 'home', postalCode: 'LS1 4AP' }],
    },
    { resourceType: 'Practitioner', id: 'gp-1', name: [{ prefix: ['Dr'], given: ['Amir'], family: 'Shah' }] },
    {
      resourceType: 'Organization',
      id: 'org-1',
      name: 'Test Practice',
      identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: opts.ods }],
    },
    {
      resourceType: 'Consent',
      id: 'c-1',
      status: 'active',
      scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'treatment' }] },
      category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
    },
  ];
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    type: 'message',
    timestamp: new Date().toISOString(),
    entry: resources.map((resource) => ({
      fullUrl: resource.resourceType === 'MessageHeader' ? 'urn:uuid:mh' : `${resource.resourceType}/${resource.id}`,
      resource,
    })),
  };
}
