import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { SystemClientScope } from '../../../../common/permissions.js';
import type { Session, TestContext } from '../../../test/toolkit.js';
import { organisationRefs } from '../../organisations/organisations.service.js';
import {
  clientAssertion,
  keyPair,
  type PrivateKey,
  type ReferralMessageOptions,
  referralMessage,
} from './referral-message.js';
import { requestToken } from './test-system-clients.js';

export {
  BARS,
  clientAssertion,
  keyPair,
  NHS_NUMBER,
  type PrivateKey,
  type ReferralMessageOptions,
  referralMessage,
} from './referral-message.js';

// What the FHIR edge's database tests share: registering a system client as an admin, getting it
// a token (signed JWT), a BaRS-style referral message, sending it, and reading an OperationOutcome.
// Works against app.inject (`fhirTestSupport(ctx, admin)`).

export interface TestSystem {
  clientId: string;
  privateKey: PrivateKey;
  token: string;
}

export function fhirTestSupport(ctx: TestContext, admin: Session) {
  const tokenUrl = () => `${ctx.config.publicUrl}/oauth2/token`;

  async function practiceCode(id: string): Promise<string> {
    return (await organisationRefs(ctx.db, [id])).get(id)?.code as string;
  }

  async function token(clientId: string, privateKey: PrivateKey, scope?: string): Promise<string> {
    return requestToken(ctx, {
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await clientAssertion(clientId, privateKey, tokenUrl()),
      ...(scope ? { scope } : {}),
    });
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
