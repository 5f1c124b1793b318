import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { setUpTestApp } from '../../../test/team.js';
import { createLinkedCase } from './test-links.js';

// The link's rate limits: per address (as sign-in), and per token, so that many addresses
// together cannot hammer one link.

const { ctx, tenancy, worker } = setUpTestApp({ config: { SIGN_IN_RATE_LIMIT: '3' }, team: { worker: 'link_worker' } });

const open = (token: string, remoteAddress: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/referral-link/open', payload: { token }, remoteAddress });

describe('the secure link’s rate limits', () => {
  it('answers 429 to one address past the limit, whatever tokens it tries', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 4; i++)
      codes.push((await open(randomBytes(32).toString('base64url'), '203.0.113.50')).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    expect((await open(randomBytes(32).toString('base64url'), '203.0.113.51')).statusCode).toBe(200);
  });

  it('answers 429 to one token past the limit, whatever addresses it comes from', async () => {
    const linked = await createLinkedCase(ctx.db, tenancy, worker);
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await open(linked.token, `203.0.113.${60 + i}`)).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    const refused = await open(linked.token, '203.0.113.70');
    expect(refused.json()).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(refused.json().detail).toContain('Too many attempts with this link');
  });
});
