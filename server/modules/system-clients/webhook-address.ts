import { lookup as dnsLookup } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

// Where Waymark may push the message back. A webhook makes Waymark send requests to an address an
// admin typed, so without care it is a way to reach what only Waymark can reach (the cloud's
// metadata service, the database, other machines inside): server-side request forgery. Endpoints
// must be https on a public address; loopback (for development and tests) and private networks
// (a GP system over HSCN) only when the configuration says so. The address is checked when it is
// set and again, after DNS, on every delivery (the connection goes to the address checked, so a
// name that resolves elsewhere the second time gains nothing).

export interface WebhookPolicy {
  allowLoopback: boolean;
  allowPrivateNetworks: boolean;
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

const PRIVATE = new BlockList();
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');

// Never: "this network", link-local (cloud metadata at 169.254.169.254), shared address space,
// benchmarking, multicast and reserved ranges, and their IPv6 counterparts.
const NEVER = new BlockList();
NEVER.addSubnet('0.0.0.0', 8, 'ipv4');
NEVER.addSubnet('100.64.0.0', 10, 'ipv4');
NEVER.addSubnet('169.254.0.0', 16, 'ipv4');
NEVER.addSubnet('192.0.0.0', 24, 'ipv4');
NEVER.addSubnet('198.18.0.0', 15, 'ipv4');
NEVER.addSubnet('224.0.0.0', 3, 'ipv4');
NEVER.addAddress('::', 'ipv6');
NEVER.addSubnet('fe80::', 10, 'ipv6');
NEVER.addSubnet('ff00::', 8, 'ipv6');

/** Why this address may not be called, or null when it may. */
export function addressProblem(address: string, policy: WebhookPolicy): string | null {
  const family = isIP(address);
  if (family === 0) return 'is not an IP address';
  let type: 'ipv4' | 'ipv6' = family === 4 ? 'ipv4' : 'ipv6';
  let ip = address;
  // An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is the IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) {
    ip = mapped[1] as string;
    type = 'ipv4';
  }
  if (LOOPBACK.check(ip, type)) return policy.allowLoopback ? null : 'is a loopback address';
  if (NEVER.check(ip, type)) return 'is a link-local, reserved or multicast address';
  if (PRIVATE.check(ip, type)) return policy.allowPrivateNetworks ? null : 'is a private network address';
  return null;
}

const isLoopbackName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/** Why this webhook address is refused, or null: checked when the admin sets it. */
export function webhookUrlProblem(text: string, policy: WebhookPolicy): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be a full web address, like https://gp-system.example/waymark/webhook';
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback =
    isLoopbackName(host) || (isIP(host) !== 0 && LOOPBACK.check(host, isIP(host) === 4 ? 'ipv4' : 'ipv6'));
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback && policy.allowLoopback)) {
    return 'must start with https://';
  }
  if (url.username || url.password) return 'must not contain a user name or password';
  if (url.hash) return 'must not contain a #fragment';
  if (isLoopbackName(host)) return policy.allowLoopback ? null : 'must be a public address, not localhost';
  if (isIP(host) !== 0) {
    const problem = addressProblem(host, policy);
    if (problem) return `must be a public address: ${host} ${problem}`;
  }
  return null;
}

/**
 * A DNS lookup for http(s).request that refuses an address the policy forbids: every address the
 * name resolves to must pass, and the connection is made to the one checked.
 */
export function guardedLookup(policy: WebhookPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const list = addresses as unknown as { address: string; family: number }[];
      for (const a of list) {
        const problem = addressProblem(a.address, policy);
        if (problem) {
          const refused = Object.assign(new Error(`${hostname} resolves to ${a.address}, which ${problem}`), {
            code: 'EADDRNOTALLOWED',
          });
          return callback(refused, '', 4);
        }
      }
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: unknown) => void)(null, list);
      const first = list[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 4);
      callback(null, first.address, first.family);
    });
  };
}
