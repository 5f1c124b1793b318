import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { expect } from 'vitest';
import type { TestContext } from '../../../test/toolkit.js';
import { practices } from '../../organisations/organisations.tables.js';
import { testNhsNumber, uniqueFamilyName } from '../../referrals/referral-fixtures.js';

// The system-client steps of fhir.db.test.ts as helpers for other FHIR tests: register a system
// (signed-JWT key), get a token, build a BaRS-style referral message.

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
export const BARS = 'https://fhir.nhs.uk/CodeSystem/message-events-bars';

export async function practiceCode(ctx: TestContext, id: string) {
  const [row] = await ctx.db.select({ code: practices.code }).from(practices).where(eq(practices.id, id));
  return (row as { code: string }).code;
}

export async function keyPair() {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
  return { privateKey, jwks: JSON.stringify({ keys: [jwk] }) };
}

export function assertion(tokenUrl: string, clientId: string, privateKey: PrivateKey) {
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

/** An access token from /oauth2/token for a client-credentials form (the grant type is added). */
export async function requestToken(ctx: TestContext, form: Record<string, string>): Promise<string> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/oauth2/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'client_credentials', ...form }).toString(),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().access_token as string;
}

export async function jwtToken(ctx: TestContext, clientId: string, privateKey: PrivateKey) {
  return requestToken(ctx, {
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: await assertion(`${ctx.config.publicUrl}/oauth2/token`, clientId, privateKey),
  });
}

/** A system client of the organisation (a practice or a PCN) with a signed-JWT key, and a token. */
export async function registerSystem(
  ctx: TestContext,
  admin: { headers: Record<string, string> },
  organisationId: string,
  scopes: string[] = ['referral.create', 'referral.read', 'gpmessage.read'],
) {
  const { privateKey, jwks } = await keyPair();
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/admin/system-clients',
    headers: admin.headers,
    payload: {
      name: `GP system ${randomUUID().slice(0, 8)}`,
      organisationId,
      authMethod: 'private_key_jwt',
      jwks,
      scopes,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const clientId = res.json().id as string;
  return { clientId, privateKey, token: await jwtToken(ctx, clientId, privateKey) };
}

/** A system client of the organisation with a client secret, and a token from /oauth2/token. */
export async function registerSecretSystem(
  ctx: TestContext,
  admin: { headers: Record<string, string> },
  organisationId: string,
  scopes: string[],
  name = `GP system ${randomUUID().slice(0, 8)}`,
): Promise<{ id: string; token: string }> {
  const client = await ctx.app.inject({
    method: 'POST',
    url: '/api/admin/system-clients',
    headers: admin.headers,
    payload: { name, organisationId, authMethod: 'client_secret', scopes },
  });
  expect(client.statusCode, client.body).toBe(201);
  const { id, clientSecret } = client.json();
  return { id: id as string, token: await requestToken(ctx, { client_id: id, client_secret: clientSecret }) };
}

/** A BaRS-style referral message from the practice (ODS code), with consent to share when asked. */
export function referralMessage(opts: { ods: string; consentToShare?: boolean; nhsNumber?: string }) {
  const srId = randomUUID();
  const consent = (id: string, scope: string) => ({
    fullUrl: `Consent/${id}`,
    resource: {
      resourceType: 'Consent',
      id,
      status: 'active',
      scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: scope }] },
      category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
    },
  });
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    type: 'message',
    timestamp: new Date().toISOString(),
    entry: [
      {
        fullUrl: 'urn:uuid:mh',
        resource: {
          resourceType: 'MessageHeader',
          id: randomUUID(),
          eventCoding: { system: BARS, code: 'servicerequest-request' },
          reason: { coding: [{ code: 'new' }] },
          source: { endpoint: 'https://gp.example/fhir' },
          focus: [{ reference: `ServiceRequest/${srId}` }],
        },
      },
      {
        fullUrl: `ServiceRequest/${srId}`,
        resource: {
          resourceType: 'ServiceRequest',
          id: srId,
          status: 'active',
          intent: 'order',
          subject: { reference: 'Patient/pat-1' },
          requester: { reference: 'Practitioner/gp-1' },
          priority: 'routine',
          reasonCode: [
            { coding: [{ system: 'https://waymark.example/CodeSystem/referral-reason', code: 'loneliness' }] },
          ],
          note: [{ text: 'Lives alone; would like company.' }],
        },
      },
      {
        fullUrl: 'Patient/pat-1',
        resource: {
          resourceType: 'Patient',
          id: 'pat-1',
          identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: opts.nhsNumber ?? testNhsNumber() }],
          name: [{ use: 'official', given: ['Delia'], family: uniqueFamilyName() }],
          birthDate: '1958-03-02',
          gender: 'female',
          telecom: [{ system: 'phone', value: '07700 900123', rank: 1 }],
          address: [{ use: 'home', postalCode: 'LS1 4AP' }],
        },
      },
      {
        fullUrl: 'Practitioner/gp-1',
        resource: {
          resourceType: 'Practitioner',
          id: 'gp-1',
          name: [{ prefix: ['Dr'], given: ['Amir'], family: 'Shah' }],
        },
      },
      {
        fullUrl: 'Organization/org-1',
        resource: {
          resourceType: 'Organization',
          id: 'org-1',
          name: 'Test Practice',
          identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: opts.ods }],
        },
      },
      consent('c-1', 'treatment'),
      ...(opts.consentToShare === false ? [] : [consent('c-2', 'patient-privacy')]),
    ],
  };
}
