import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { expect } from 'vitest';
import type { SystemClientScope } from '../../../../common/permissions.js';
import type { Session, TestContext } from '../../../test/toolkit.js';
import { practices } from '../../organisations/organisations.tables.js';
import { testNhsNumber, uniqueFamilyName } from '../../referrals/referral-fixtures.js';

// What the FHIR edge's database tests share: registering a system client as an admin, getting it
// a token (signed JWT), a BaRS-style referral message, sending it, and reading an OperationOutcome.
// Works against app.inject (`fhirTestSupport(ctx, admin)`).

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
      reasonCode: [
        { coding: [{ system: 'https://waymark.example/CodeSystem/referral-reason', code: 'loneliness' }] },
      ],
    },
    {
      resourceType: 'Patient',
      id: 'pat-1',
      identifier: [{ system: NHS_NUMBER, value: opts.nhsNumber ?? testNhsNumber() }],
      name: [{ use: 'official', given: ['Delia'], family: opts.familyName ?? uniqueFamilyName() }],
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

export interface TestSystem {
  clientId: string;
  privateKey: PrivateKey;
  token: string;
}

export function fhirTestSupport(ctx: TestContext, admin: Session) {
  const tokenUrl = () => `${ctx.config.publicUrl}/oauth2/token`;

  async function practiceCode(id: string): Promise<string> {
    const [row] = await ctx.db.select({ code: practices.code }).from(practices).where(eq(practices.id, id));
    return (row as { code: string }).code;
  }

  async function token(clientId: string, privateKey: PrivateKey, scope?: string): Promise<string> {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/oauth2/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: await clientAssertion(clientId, privateKey, tokenUrl()),
        ...(scope ? { scope } : {}),
      }).toString(),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().access_token as string;
  }

  /** A system client of the organisation (a practice or a PCN) with a signed-JWT key, and a token. */
  async function system(
    organisationId: string,
    scopes: SystemClientScope[] = ['referral.create', 'referral.read'],
  ): Promise<TestSystem> {
    const { privateKey, jwks } = await keyPair();
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/admin/system-clients',
      headers: admin.headers,
      payload: {
        name: `System ${randomUUID().slice(0, 8)}`,
        organisationId,
        authMethod: 'private_key_jwt',
        jwks,
        scopes,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const clientId = res.json().id as string;
    return { clientId, privateKey, token: await token(clientId, privateKey) };
  }

  const send = (bearer: string, bundle: unknown, requestId: string = randomUUID()) =>
    ctx.app.inject({
      method: 'POST',
      url: '/fhir/R4/$process-message',
      headers: {
        authorization: `Bearer ${bearer}`,
        'content-type': 'application/fhir+json',
        'x-request-id': requestId,
      },
      payload: JSON.stringify(bundle),
    });

  /** Sends a referral and gives Waymark's id of its ServiceRequest. */
  async function refer(bearer: string, opts: ReferralMessageOptions): Promise<string> {
    const res = await send(bearer, referralMessage(opts));
    expect(res.statusCode, res.body).toBe(200);
    return res.json().entry[1].resource.id as string;
  }

  return { tokenUrl, practiceCode, token, system, send, refer };
}

export function expectOutcome(
  res: { statusCode: number; headers: Record<string, unknown>; json(): unknown; body: string },
  status: number,
) {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/fhir+json');
  const body = res.json() as {
    resourceType: string;
    issue: { expression?: string[]; diagnostics: string; code: string }[];
  };
  expect(body.resourceType).toBe('OperationOutcome');
  return body.issue;
}
