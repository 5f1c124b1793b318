import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { Client } from 'fhir-kit-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpTestApp } from '../../test/team.js';
import { practices } from '../organisations/organisations.tables.js';
import { testNhsNumber } from '../referrals/referral-fixtures.js';
import { fhirSchemaErrors } from './testing/fhir-schema.js';
import { clientAssertion, keyPair, NHS_NUMBER, referralMessage } from './testing/fhir-test-support.js';

// Issue 17's proof with a real FHIR client library (fhir-kit-client) against a real listening
// server: an admin registers a system, it gets a token over HTTP, sends a referral message by
// $process-message, finds its ServiceRequest by identifier and reads its Task. Everything the
// client is given passes the FHIR R4 schema.

const { ctx, tenancy, admin } = setUpTestApp({ team: { admin: 'admin' } });
let base = '';

beforeAll(async () => {
  await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await ctx.app.close();
});

type Resource = Record<string, unknown> & { resourceType: string; id: string };

describe('a GP system with fhir-kit-client', () => {
  it('registers, gets a token, refers, finds the ServiceRequest by identifier and reads its Task', async () => {
    const { privateKey, jwks } = await keyPair();
    const registered = await fetch(`${base}/api/admin/system-clients`, {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'GP system (fhir-kit-client)',
        organisationId: tenancy.practiceId,
        authMethod: 'private_key_jwt',
        jwks,
        scopes: ['referral.create', 'referral.read'],
      }),
    });
    expect(registered.status).toBe(201);
    const { id: clientId, tokenUrl } = (await registered.json()) as { id: string; tokenUrl: string };

    // The assertion's audience is the token URL Waymark publishes; the request goes to this server.
    const tokenResponse = await fetch(`${base}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: await clientAssertion(clientId, privateKey, tokenUrl),
      }),
    });
    expect(tokenResponse.status).toBe(200);
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };

    const client = new Client({ baseUrl: `${base}/fhir/R4`, bearerToken: token });
    const metadata = (await client.capabilityStatement()) as Resource;
    expect(fhirSchemaErrors(metadata)).toEqual([]);

    const [practice] = await ctx.db.select().from(practices).where(eq(practices.id, tenancy.practiceId));
    const nhsNumber = testNhsNumber();
    const message = referralMessage({ ods: practice?.code as string, nhsNumber });
    const answer = (await client.operation({
      name: 'process-message',
      input: message,
      options: { headers: { 'X-Request-ID': randomUUID() } },
    })) as Resource & { entry: { resource: Resource }[] };
    expect(fhirSchemaErrors(answer)).toEqual([]);
    const referralId = answer.entry[1]?.resource.id as string;

    const found = (await client.search({
      resourceType: 'ServiceRequest',
      searchParams: { identifier: `https://waymark.example/Id/referral|${referralId}` },
    })) as Resource & { total: number; entry: { resource: Resource }[] };
    expect(fhirSchemaErrors(found)).toEqual([]);
    expect(found.total).toBe(1);
    expect(found.entry[0]?.resource).toMatchObject({
      resourceType: 'ServiceRequest',
      id: referralId,
      status: 'active',
      subject: { identifier: { system: NHS_NUMBER, value: nhsNumber } },
    });
    // And by the id the system gave it in its own message.
    const serviceRequestId = (message.entry[1]?.resource as { id: string } | undefined)?.id as string;
    const byTheirs = (await client.search({
      resourceType: 'ServiceRequest',
      searchParams: { identifier: serviceRequestId },
    })) as unknown as { total: number };
    expect(byTheirs.total).toBe(1);

    const task = (await client.read({ resourceType: 'Task', id: referralId })) as Resource;
    expect(fhirSchemaErrors(task)).toEqual([]);
    expect(task).toMatchObject({
      resourceType: 'Task',
      status: 'received',
      focus: { reference: `ServiceRequest/${referralId}` },
      meta: { versionId: '1' },
    });

    // A refusal reaches the client as an OperationOutcome with the status.
    const missing = await client.read({ resourceType: 'Task', id: randomUUID() }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ response: { status: 404, data: { resourceType: 'OperationOutcome' } } });
  });
});
