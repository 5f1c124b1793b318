import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit/audit.js';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { setUpTestApp } from '../../test/team.js';
import { practices } from '../organisations/organisations.tables.js';
import { testNhsNumber, uniqueFamilyName } from '../referrals/referral-fixtures.js';
import { idempotencyKeys, referrals } from '../referrals/referrals.tables.js';
import { systemClientTokens } from '../system-clients/system-clients.tables.js';
import { fhirServiceRequests } from './fhir.tables.js';

// Issue 17, points 1 and 2, over HTTP: an admin registers systems, they get tokens (signed JWT and
// client secret), send BaRS-style referral messages that land in the PCN's triage queue, retry,
// and cancel; and every bad message is refused with an OperationOutcome naming the element.

const { ctx, tenancy, other, admin, lead } = setUpTestApp({
  tenancies: { other: 'same-icb' },
  team: { admin: 'admin', lead: 'team_lead' },
});

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

const TOKEN_URL = () => `${ctx.config.publicUrl}/oauth2/token`;
const BARS = 'https://fhir.nhs.uk/CodeSystem/message-events-bars';

async function practiceCode(id: string) {
  const [row] = await ctx.db.select({ code: practices.code }).from(practices).where(eq(practices.id, id));
  return (row as { code: string }).code;
}

async function register(body: Record<string, unknown>) {
  return ctx.app.inject({ method: 'POST', url: '/api/admin/system-clients', headers: admin.headers, payload: body });
}

async function keyPair() {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
  return { privateKey, jwks: JSON.stringify({ keys: [jwk] }) };
}

async function assertion(
  clientId: string,
  privateKey: PrivateKey,
  claims: { aud?: string; jti?: string; exp?: string } = {},
) {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: 'test-key' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(claims.aud ?? TOKEN_URL())
    .setJti(claims.jti ?? randomUUID())
    .setIssuedAt()
    .setExpirationTime(claims.exp ?? '2m')
    .sign(privateKey);
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const tokenRequest = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
  ctx.app.inject({
    method: 'POST',
    url: '/oauth2/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: form(fields),
  });

async function jwtToken(clientId: string, privateKey: PrivateKey, scope?: string) {
  const res = await tokenRequest({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: await assertion(clientId, privateKey),
    ...(scope ? { scope } : {}),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().access_token as string;
}

/** A practice's system client with a signed-JWT key, and a token. */
async function practiceSystem(practiceId: string) {
  const { privateKey, jwks } = await keyPair();
  const res = await register({
    name: `GP system ${randomUUID().slice(0, 8)}`,
    organisationId: practiceId,
    authMethod: 'private_key_jwt',
    jwks,
    scopes: ['referral.create', 'referral.read'],
  });
  expect(res.statusCode, res.body).toBe(201);
  const clientId = res.json().id as string;
  return { clientId, privateKey, token: await jwtToken(clientId, privateKey) };
}

function referralMessage(opts: {
  ods: string;
  nhsNumber?: string | null;
  birthDate?: string;
  event?: string;
  status?: 'active' | 'revoked';
  serviceRequestId?: string;
  withPatient?: boolean;
  familyName?: string;
}) {
  const srId = opts.serviceRequestId ?? randomUUID();
  const patient = {
    resourceType: 'Patient',
    id: 'pat-1',
    identifier:
      opts.nhsNumber === null
        ? []
        : [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: opts.nhsNumber ?? testNhsNumber() }],
    name: [{ use: 'official', given: ['Delia'], family: opts.familyName ?? uniqueFamilyName() }],
    birthDate: opts.birthDate ?? '1958-03-02',
    gender: 'female',
    telecom: [{ system: 'phone', value: '07700 900123', rank: 1 }],
    address: [{ use: 'home', postalCode: 'LS1 4AP' }],
  };
  const entries = [
    {
      fullUrl: 'urn:uuid:mh',
      resource: {
        resourceType: 'MessageHeader',
        id: randomUUID(),
        eventCoding: { system: BARS, code: opts.event ?? 'servicerequest-request' },
        reason: { coding: [{ code: opts.status === 'revoked' ? 'update' : 'new' }] },
        source: { endpoint: 'https://gp.example/fhir' },
        focus: [{ reference: `ServiceRequest/${srId}` }],
      },
    },
    {
      fullUrl: `ServiceRequest/${srId}`,
      resource: {
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
        note: [{ text: 'Lives alone; would like company.' }],
      },
    },
    ...(opts.withPatient === false ? [] : [{ fullUrl: 'Patient/pat-1', resource: patient }]),
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
    {
      fullUrl: 'Consent/c-1',
      resource: {
        resourceType: 'Consent',
        id: 'c-1',
        status: 'active',
        scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'treatment' }] },
        category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
      },
    },
    {
      fullUrl: 'QuestionnaireResponse/q-1',
      resource: {
        resourceType: 'QuestionnaireResponse',
        id: 'q-1',
        status: 'completed',
        item: [{ linkId: '1', text: 'What matters to you?', answer: [{ valueString: 'Getting out more' }] }],
      },
    },
  ];
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    type: 'message',
    timestamp: new Date().toISOString(),
    entry: entries,
  };
}

const send = (token: string, bundle: unknown, requestId: string = randomUUID()) =>
  ctx.app.inject({
    method: 'POST',
    url: '/fhir/R4/$process-message',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json', 'x-request-id': requestId },
    payload: JSON.stringify(bundle),
  });

const referralCount = () => ctx.db.$count(referrals);

function expectOutcome(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, status: number) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/fhir+json');
  const body = res.json() as {
    resourceType: string;
    issue: { expression?: string[]; diagnostics: string; code: string }[];
  };
  expect(body.resourceType).toBe('OperationOutcome');
  return body.issue;
}

describe('system clients (admin)', () => {
  it('registers a client-secret system, shows the secret once and keeps only its hash', async () => {
    const res = await register({
      name: 'Pharmacy system',
      organisationId: tenancy.practiceId,
      authMethod: 'client_secret',
      scopes: ['referral.create'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created.clientSecret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(created.tokenUrl).toBe(TOKEN_URL());
    const list = await ctx.app.inject({
      method: 'GET',
      url: '/api/admin/system-clients',
      headers: { cookie: admin.cookie },
    });
    const listed = list.json().clients.find((c: { id: string }) => c.id === created.id);
    expect(listed).toMatchObject({ name: 'Pharmacy system', authMethod: 'client_secret', revokedAt: null });
    expect(JSON.stringify(list.json())).not.toContain(created.clientSecret);

    // Basic and post both work; a wrong secret is invalid_client (401).
    const basic = Buffer.from(`${created.id}:${created.clientSecret}`).toString('base64');
    const viaBasic = await tokenRequest({ grant_type: 'client_credentials' }, { authorization: `Basic ${basic}` });
    expect(viaBasic.statusCode, viaBasic.body).toBe(200);
    expect(viaBasic.json()).toMatchObject({ token_type: 'Bearer', expires_in: 600, scope: 'referral.create' });
    expect(viaBasic.headers['cache-control']).toBe('no-store');
    const viaPost = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: created.id,
      client_secret: created.clientSecret,
    });
    expect(viaPost.statusCode).toBe(200);
    const wrong = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: created.id,
      client_secret: 'nope',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toBe('invalid_client');
    // Each token issued is audited with the client's id.
    const rows = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'system-client.token'), eq(auditEvents.actorUserId, created.id)));
    expect(rows.filter((r) => r.outcome === 'success')).toHaveLength(2);
    expect(rows.filter((r) => r.outcome === 'denied').length).toBeGreaterThanOrEqual(1);
    expect(rows[0]?.actorRole).toBe('system_client');
  });

  it('refuses bad registrations naming the field, and stores nothing', async () => {
    const { jwks } = await keyPair();
    const privateJwk = JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'a', y: 'b', d: 'c' });
    const cases: [Record<string, unknown>, string][] = [
      [
        {
          name: 'X',
          organisationId: other.vcsOrganisationId,
          authMethod: 'client_secret',
          scopes: ['referral.create'],
        },
        'organisationId',
      ],
      [
        { name: 'X', organisationId: tenancy.practiceId, authMethod: 'private_key_jwt', scopes: ['referral.create'] },
        'jwks',
      ],
      [
        {
          name: 'X',
          organisationId: tenancy.practiceId,
          authMethod: 'private_key_jwt',
          jwks: privateJwk,
          scopes: ['referral.create'],
        },
        'jwks',
      ],
      [
        { name: 'X', organisationId: tenancy.practiceId, authMethod: 'private_key_jwt', jwks, scopes: ['case.write'] },
        'scopes.0',
      ],
    ];
    const list = async () =>
      (
        await ctx.app.inject({ method: 'GET', url: '/api/admin/system-clients', headers: { cookie: admin.cookie } })
      ).json().clients.length;
    const before = await list();
    for (const [body, field] of cases) {
      const res = await register(body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await list()).toBe(before);
  });

  it('is for admins only', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/admin/system-clients',
      headers: { cookie: lead.cookie },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('the token endpoint', () => {
  it('takes a signed JWT once: a replayed jti, a wrong audience and an unknown grant are refused per RFC 6749', async () => {
    const { clientId, privateKey } = await practiceSystem(tenancy.practiceId);
    const jwt = await assertion(clientId, privateKey);
    const fields = {
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: jwt,
    };
    expect((await tokenRequest(fields)).statusCode).toBe(200);
    const replay = await tokenRequest(fields);
    expect([replay.statusCode, replay.json().error]).toEqual([401, 'invalid_client']);
    expect(replay.json().error_description).toMatch(/jti/);
    const aud = await tokenRequest({
      ...fields,
      client_assertion: await assertion(clientId, privateKey, { aud: 'https://elsewhere.example/token' }),
    });
    expect([aud.statusCode, aud.json().error]).toEqual([401, 'invalid_client']);
    const long = await tokenRequest({
      ...fields,
      client_assertion: await assertion(clientId, privateKey, { exp: '1h' }),
    });
    expect([long.statusCode, long.json().error]).toEqual([401, 'invalid_client']);
    const grant = await tokenRequest({
      ...fields,
      grant_type: 'password',
      client_assertion: await assertion(clientId, privateKey),
    });
    expect([grant.statusCode, grant.json().error]).toEqual([400, 'unsupported_grant_type']);
    const scope = await tokenRequest({
      ...fields,
      scope: 'gpmessage.read',
      client_assertion: await assertion(clientId, privateKey),
    });
    expect([scope.statusCode, scope.json().error]).toEqual([400, 'invalid_scope']);
  });
});

describe('$process-message', () => {
  it('publishes a CapabilityStatement of exactly what is supported', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/fhir/R4/metadata' });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toContain('application/fhir+json');
    const cs = res.json();
    expect(cs).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1', kind: 'instance' });
    expect(cs.rest[0].operation.map((o: { name: string }) => o.name)).toEqual(['process-message']);
    // The readable resources are listed and checked in fhir-read.db.test.ts.
    expect(cs.rest[0].resource.map((r: { type: string }) => r.type)).toContain('ServiceRequest');
    // The message back (issue 17 point 4): Bundle type message, read and searched.
    expect(cs.rest[0].resource.find((r: { type: string }) => r.type === 'Bundle').interaction).toEqual([
      { code: 'read' },
      { code: 'search-type' },
    ]);
  });

  it('takes a referral into the triage queue, answers a retry with the first answer and refuses another body under the same id', async () => {
    const { clientId, token } = await practiceSystem(tenancy.practiceId);
    const bundle = referralMessage({ ods: await practiceCode(tenancy.practiceId) });
    const requestId = randomUUID();
    const res = await send(token, bundle, requestId);
    expect(res.statusCode, res.body).toBe(200);
    expect(String(res.headers['content-type'])).toContain('application/fhir+json');
    expect(res.headers['x-request-id']).toBe(requestId);
    const answer = res.json();
    expect(answer.type).toBe('message');
    expect(answer.entry[0].resource.eventCoding).toEqual({ system: BARS, code: 'servicerequest-response' });
    const sr = answer.entry[1].resource;
    expect(sr).toMatchObject({ resourceType: 'ServiceRequest', status: 'active', intent: 'order' });

    // In the PCN's triage queue, as the team lead sees it.
    const queue = await ctx.app.inject({ method: 'GET', url: '/api/triage/queue', headers: { cookie: lead.cookie } });
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(sr.id);
    const [row] = await ctx.db.select().from(referrals).where(eq(referrals.id, sr.id));
    expect(row).toMatchObject({
      status: 'received',
      source: 'practice',
      practiceId: tenancy.practiceId,
      referrerName: 'Dr Amir Shah',
      referrerUserId: null,
    });
    expect(row?.details).toContain('What matters to you?: Getting out more');
    // Audited with the client's id.
    const [audit] = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'referral.create'), eq(auditEvents.entityId, sr.id)));
    expect(audit).toMatchObject({ actorUserId: clientId, actorRole: 'system_client' });
    expect(audit?.details).toMatchObject({ systemClientId: clientId });

    const count = await referralCount();
    // A retry (same X-Request-ID, or the same Bundle.id under a new one) gets the first answer.
    const again = await send(token, bundle, requestId);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(answer);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const sameBundle = await send(token, bundle);
    expect(sameBundle.json()).toEqual(answer);
    // Another body under the same Bundle.id, or the same X-Request-ID: refused, nothing stored.
    const changed = { ...bundle, timestamp: '2026-01-01T00:00:00Z' };
    const issues = expectOutcome(await send(token, changed), 422);
    expect(issues[0]?.expression).toEqual(['Bundle.id']);
    const other = referralMessage({ ods: await practiceCode(tenancy.practiceId) });
    expectOutcome(await send(token, other, requestId), 422);
    expect(await referralCount()).toBe(count);
  });

  it('cancels a referral not yet allocated (ServiceRequest.status revoked), and only its own', async () => {
    const home = await practiceSystem(tenancy.practiceId);
    const away = await practiceSystem(other.practiceId);
    const ods = await practiceCode(tenancy.practiceId);
    const serviceRequestId = randomUUID();
    const sent = await send(home.token, referralMessage({ ods, serviceRequestId }));
    expect(sent.statusCode, sent.body).toBe(200);
    const referralId = sent.json().entry[1].resource.id as string;

    // A system of another practice: not found, by its own id or by Waymark's; nothing changes.
    const byTheirId = referralMessage({
      ods: await practiceCode(other.practiceId),
      serviceRequestId,
      status: 'revoked',
    });
    expectOutcome(await send(away.token, byTheirId), 404);
    const byWaymarkId = referralMessage({ ods: await practiceCode(other.practiceId), status: 'revoked' });
    (byWaymarkId.entry[1]?.resource as Record<string, unknown>).identifier = [
      { system: 'https://waymark.example/Id/referral', value: referralId },
    ];
    expectOutcome(await send(away.token, byWaymarkId), 404);
    expect((await ctx.db.select().from(referrals).where(eq(referrals.id, referralId)))[0]?.status).toBe('received');

    const cancel = await send(home.token, referralMessage({ ods, serviceRequestId, status: 'revoked' }));
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json().entry[1].resource.status).toBe('revoked');
    const [row] = await ctx.db.select().from(referrals).where(eq(referrals.id, referralId));
    expect(row).toMatchObject({ status: 'declined', closureReason: 'withdrawn_by_referrer' });
    // Once withdrawn, it cannot be withdrawn again.
    expectOutcome(await send(home.token, referralMessage({ ods, serviceRequestId, status: 'revoked' })), 409);
  });

  it('refuses bad messages with an OperationOutcome naming the element, and stores nothing', async () => {
    const { token } = await practiceSystem(tenancy.practiceId);
    const ods = await practiceCode(tenancy.practiceId);
    const before = await referralCount();
    const keysBefore = await ctx.db.$count(idempotencyKeys);

    const noPatient = expectOutcome(await send(token, referralMessage({ ods, withPatient: false })), 400);
    expect(noPatient[0]).toMatchObject({ code: 'required', expression: ['Bundle.entry'] });
    expect(noPatient[0]?.diagnostics).toMatch(/Patient/);

    const badNhs = expectOutcome(await send(token, referralMessage({ ods, nhsNumber: '9434765918' })), 400);
    expect(badNhs.map((i) => i.expression?.[0])).toContain('Bundle.entry[2].resource.identifier[0].value');

    const future = expectOutcome(await send(token, referralMessage({ ods, birthDate: '2999-01-01' })), 400);
    expect(future[0]).toMatchObject({ expression: ['Bundle.entry[2].resource.birthDate'] });
    expect(future[0]?.diagnostics).toMatch(/birthDate must not be in the future/);

    const wrongEvent = expectOutcome(await send(token, referralMessage({ ods, event: 'booking-request' })), 400);
    expect(wrongEvent[0]).toMatchObject({
      code: 'not-supported',
      expression: ['Bundle.entry[0].resource.eventCoding'],
    });

    const otherPractice = expectOutcome(
      await send(token, referralMessage({ ods: await practiceCode(other.practiceId) })),
      400,
    );
    expect(otherPractice[0]?.expression).toEqual(['Bundle.entry[4].resource.identifier[0].value']);

    const noRequestId = await ctx.app.inject({
      method: 'POST',
      url: '/fhir/R4/$process-message',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' },
      payload: JSON.stringify(referralMessage({ ods })),
    });
    expectOutcome(noRequestId, 400);

    expect(await referralCount()).toBe(before);
    expect(await ctx.db.$count(idempotencyKeys)).toBe(keysBefore);
  });

  it('refuses an expired token, a revoked client, no token, a cookie, and a token without the scope', async () => {
    const ods = await practiceCode(tenancy.practiceId);
    const before = await referralCount();
    const expired = await practiceSystem(tenancy.practiceId);
    await ctx.db
      .update(systemClientTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(systemClientTokens.clientId, expired.clientId));
    const res = await send(expired.token, referralMessage({ ods }));
    expectOutcome(res, 401);
    expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');

    const revoked = await practiceSystem(tenancy.practiceId);
    const revoke = await ctx.app.inject({
      method: 'POST',
      url: `/api/admin/system-clients/${revoked.clientId}/revoke`,
      headers: admin.headers,
    });
    expect(revoke.statusCode, revoke.body).toBe(200);
    expect(revoke.json().revokedAt).not.toBeNull();
    expectOutcome(await send(revoked.token, referralMessage({ ods })), 401);
    const newToken = await tokenRequest({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await assertion(revoked.clientId, revoked.privateKey),
    });
    expect([newToken.statusCode, newToken.json().error]).toEqual([401, 'invalid_client']);

    const none = await ctx.app.inject({
      method: 'POST',
      url: '/fhir/R4/$process-message',
      headers: { 'content-type': 'application/fhir+json', 'x-request-id': randomUUID(), cookie: lead.cookie },
      payload: JSON.stringify(referralMessage({ ods })),
    });
    expectOutcome(none, 401);

    const readOnly = await practiceSystem(tenancy.practiceId);
    const readToken = await jwtToken(readOnly.clientId, readOnly.privateKey, 'referral.read');
    const forbidden = await send(readToken, referralMessage({ ods }));
    expectOutcome(forbidden, 403);
    expect(forbidden.headers['www-authenticate']).toBe('Bearer error="insufficient_scope"');

    expect(await referralCount()).toBe(before);
    expect(await ctx.db.$count(fhirServiceRequests)).toBeGreaterThan(0);
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
  });

  it('takes a bearer token on the FHIR edge only: the same token is nobody on the rest of the API', async () => {
    const { token } = await practiceSystem(tenancy.practiceId);
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/practice/referrals',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(401);
  });

  it('lets a system acting for a PCN refer for a practice of the PCN, named by its ODS code', async () => {
    const { privateKey, jwks } = await keyPair();
    const reg = await register({
      name: 'PCN hub',
      organisationId: tenancy.pcnId,
      authMethod: 'private_key_jwt',
      jwks,
      scopes: ['referral.create'],
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const token = await jwtToken(reg.json().id, privateKey);
    const res = await send(token, referralMessage({ ods: await practiceCode(tenancy.practiceId) }));
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await ctx.db.select().from(referrals).where(eq(referrals.id, res.json().entry[1].resource.id));
    expect(row).toMatchObject({ pcnId: tenancy.pcnId, practiceId: tenancy.practiceId, source: 'practice' });
    // A practice of another PCN is not this system's to name.
    const before = await referralCount();
    const issues = expectOutcome(
      await send(token, referralMessage({ ods: await practiceCode(other.practiceId) })),
      400,
    );
    expect(issues[0]?.expression).toEqual(['Bundle.entry[4].resource.identifier[0].value']);
    expect(await referralCount()).toBe(before);
  });
});
