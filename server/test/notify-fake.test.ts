import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeNotifyKey, type NotifyFake, parseNotifyKey, startNotifyFake } from './notify-fake.js';

// The fake must refuse what GOV.UK Notify refuses, or the tests that rely on it prove nothing:
// a token signed with another secret, naming another service, or issued outside 30 s of now.

let fake: NotifyFake;
const key = fakeNotifyKey();
const { serviceId, secret } = parseNotifyKey(key);
const TEMPLATE = '55555555-5555-4555-8555-555555555555';

const token = (claims: { iss?: string; iat?: number }, signWith = secret) =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(claims.iss ?? serviceId)
    .setIssuedAt(claims.iat ?? Math.round(Date.now() / 1000))
    .sign(new TextEncoder().encode(signWith));

const sendSms = async (bearer: string | null, body: Record<string, unknown> = {}) => {
  const res = await fetch(`${fake.url}/v2/notifications/sms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ template_id: TEMPLATE, phone_number: '07700900111', reference: 'ref-1', ...body }),
  });
  return { status: res.status, body: (await res.json()) as { id?: string } & Record<string, unknown> };
};

beforeAll(async () => {
  fake = await startNotifyFake({ apiKey: key });
});
afterAll(async () => {
  await fake?.close();
});

describe('the fake Notify API', () => {
  it('reads the key as Notify does: the service id, then the secret, at its end', () => {
    expect(
      parseNotifyKey('my-key-name-11111111-1111-4111-8111-111111111111-22222222-2222-4222-8222-222222222222'),
    ).toEqual({
      serviceId: '11111111-1111-4111-8111-111111111111',
      secret: '22222222-2222-4222-8222-222222222222',
    });
  });

  it.each([
    ['no token', async () => null, /authentication token must be provided/],
    ['another secret', async () => token({}, parseNotifyKey(fakeNotifyKey()).secret), /Invalid token/],
    ['another service', async () => token({ iss: parseNotifyKey(fakeNotifyKey()).serviceId }), /Invalid token/],
    ['issued 31 s ago', async () => token({ iat: Math.round(Date.now() / 1000) - 31 }), /within 30 seconds/],
    ['issued 31 s ahead', async () => token({ iat: Math.round(Date.now() / 1000) + 31 }), /within 30 seconds/],
  ])('refuses a request with %s: 403 with Notify error JSON, nothing recorded', async (_what, make, message) => {
    const before = fake.received.length;
    const res = await sendSms(await make());
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      status_code: 403,
      errors: [{ error: 'AuthError', message: expect.stringMatching(message) }],
    });
    expect(fake.received).toHaveLength(before);
  });

  it('accepts a good token and records the request; answers as Notify does (201, id, reference, template)', async () => {
    const res = await sendSms(await token({}), { personalisation: { name: 'Sam' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.any(String), reference: 'ref-1', template: { id: TEMPLATE } });
    expect(fake.received.at(-1)).toMatchObject({
      id: res.body.id,
      type: 'sms',
      to: '07700900111',
      templateId: TEMPLATE,
      personalisation: { name: 'Sam' },
      reference: 'ref-1',
    });
  });

  it('fails on demand, then answers again', async () => {
    fake.failNext(1, 503);
    expect((await sendSms(await token({}))).status).toBe(503);
    expect((await sendSms(await token({}))).status).toBe(201);
  });
});
