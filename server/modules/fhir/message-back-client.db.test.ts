import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { Client } from 'fhir-kit-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { requestsAs } from '../../test/requests.js';
import { setUpTestApp } from '../../test/team.js';
import { referrals } from '../referrals/referrals.tables.js';
import { fhirSchemaErrors } from './testing/fhir-schema.js';
import { practiceCode, referralMessage, registerSystem } from './testing/test-system-clients.js';

// Issue 17's proof, end to end with a real FHIR client library (fhir-kit-client) against a
// listening server: register a system, get a token, send a referral message, the team triages,
// allocates, makes first contact and discharges, and the system fetches the message back.

const { ctx, tenancy, admin, lead, tom } = setUpTestApp({
  team: { admin: 'admin', lead: 'team_lead', tom: 'link_worker' },
});
const { post } = requestsAs(ctx);

type Json = Record<string, unknown> & { resourceType: string };

describe('the message back, read with fhir-kit-client', () => {
  let baseUrl: string;
  beforeAll(async () => {
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}/fhir/R4`;
  });

  it('referral in by $process-message, through triage, allocation and discharge, message back out', {
    timeout: 90_000,
  }, async () => {
    const { token } = await registerSystem(ctx, admin, tenancy.practiceId);
    const client = new Client({ baseUrl, bearerToken: token });

    const metadata = (await client.capabilityStatement()) as Json;
    expect(metadata.resourceType).toBe('CapabilityStatement');

    const answer = (await client.operation({
      name: 'process-message',
      method: 'POST',
      input: referralMessage({ ods: await practiceCode(ctx, tenancy.practiceId) }),
      options: { headers: { 'X-Request-ID': randomUUID(), 'Content-Type': 'application/fhir+json' } },
    })) as unknown as { entry: { resource: Json }[] };
    const serviceRequest = answer.entry.map((e) => e.resource).find((r) => r.resourceType === 'ServiceRequest') as Json;
    const referralId = serviceRequest.id as string;
    const version = async () =>
      (await ctx.db.select().from(referrals).where(eq(referrals.id, referralId)))[0]?.version as number;

    const steps: [typeof lead, string, Record<string, unknown>][] = [
      [lead, 'triage', { priority: 'routine', complexity: 'low', predictedPam: 3 }],
      [lead, 'allocate', { workerId: tom.id, overrideReason: 'Integration test' }],
      [tom, 'first-contact', { outcome: 'accepted', mode: 'phone', durationMinutes: 20 }],
      [tom, 'discharge', { reason: 'goals_met', summary: 'Joined the choir.' }],
    ];
    for (const [who, step, body] of steps) {
      const res = await post(who, `/api/referrals/${referralId}/${step}`, { version: await version(), ...body });
      expect(res.statusCode, `${step}: ${res.body}`).toBeLessThan(300);
    }

    const search = (await client.search({
      resourceType: 'Bundle',
      searchParams: { type: 'message', _count: 50 },
    })) as unknown as {
      type: string;
      entry: { resource: Json & { id: string; entry: { resource: Json }[] } }[];
    };
    expect(search.type).toBe('searchset');
    const found = search.entry.find((e) =>
      e.resource.entry.some(
        (x) =>
          x.resource.resourceType === 'ServiceRequest' &&
          (x.resource.identifier as { value: string }[])[0]?.value === referralId,
      ),
    );
    expect(found).toBeDefined();
    const message = (await client.read({
      resourceType: 'Bundle',
      id: found?.resource.id as string,
    })) as unknown as Json & {
      entry: { resource: Json }[];
    };
    expect(fhirSchemaErrors(message)).toEqual([]);
    expect(message.type).toBe('message');
    const resourcesOf = (type: string) => message.entry.map((e) => e.resource).filter((r) => r.resourceType === type);
    expect(JSON.stringify(resourcesOf('Procedure'))).toContain('871731000000106');
    expect(JSON.stringify(resourcesOf('Composition'))).toContain('Joined the choir.');
  });
});
