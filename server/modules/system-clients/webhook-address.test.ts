import { describe, expect, it } from 'vitest';
import { addressProblem, webhookUrlProblem } from './webhook-address.js';

const strict = { allowLoopback: false, allowPrivateNetworks: false };
const dev = { allowLoopback: true, allowPrivateNetworks: false };

describe('webhook addresses (SSRF guard)', () => {
  it('takes https on a public name or address', () => {
    expect(webhookUrlProblem('https://gp-system.example/waymark/hook', strict)).toBeNull();
    expect(webhookUrlProblem('https://8.8.8.8/hook', strict)).toBeNull();
  });

  it.each([
    ['http://gp-system.example/hook', /https/],
    ['not a url', /full web address/],
    ['https://user:pw@gp-system.example/hook', /user name or password/],
    ['https://gp-system.example/hook#x', /fragment/],
    ['https://localhost/hook', /localhost/],
    ['https://127.0.0.1/hook', /loopback/],
    ['https://[::1]/hook', /loopback/],
    ['https://10.1.2.3/hook', /private/],
    ['https://192.168.0.10/hook', /private/],
    ['https://169.254.169.254/latest/meta-data', /link-local/],
    ['https://[::ffff:10.0.0.1]/hook', /private/],
    ['https://0.0.0.0/hook', /reserved/],
  ])('refuses %s', (url, reason) => {
    expect(webhookUrlProblem(url, strict)).toMatch(reason);
  });

  it('allows http and loopback only with the flag, and never the metadata address', () => {
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', dev)).toBeNull();
    expect(webhookUrlProblem('http://localhost:8080/hook', dev)).toBeNull();
    expect(webhookUrlProblem('http://gp-system.example/hook', dev)).toMatch(/https/);
    expect(webhookUrlProblem('https://169.254.169.254/', { allowLoopback: true, allowPrivateNetworks: true })).toMatch(
      /link-local/,
    );
    expect(addressProblem('10.0.0.1', { allowLoopback: false, allowPrivateNetworks: true })).toBeNull();
  });
});
