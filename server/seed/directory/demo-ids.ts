import { createHash } from 'node:crypto';

// Fixed ids for demo rows, so a reseed produces the same listings (and links to them keep
// working). UUID v5-shaped: a SHA-1 of a namespace and a name, with the version and variant bits
// set. Not RFC 4122 v5 proper (no binary namespace) — it only has to be stable and unique.

const NAMESPACE = 'waymark-demo-directory';

export function demoId(name: string): string {
  const hex = createHash('sha1').update(`${NAMESPACE}:${name}`).digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
