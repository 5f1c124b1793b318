import { createHmac, timingSafeEqual } from 'node:crypto';

// The signature of a pushed message back (README "The message back"): the header
//   Waymark-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
// The timestamp is inside what is signed, so a receiver that refuses a t more than five minutes
// from its clock refuses a replay of an old delivery; Waymark-Delivery names the delivery, the
// same on every retry, so a receiver can also drop a second copy it already took.

export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function signatureOf(secret: string, body: string, t: number): string {
  return createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
}

export function signatureHeader(secret: string, body: string, now = new Date()): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${signatureOf(secret, body, t)}`;
}

/** What a receiver does (and what the tests do): true only for a fresh, matching signature. */
export function verifySignature(
  secret: string,
  body: string,
  header: string | undefined,
  now = new Date(),
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): boolean {
  if (!header) return false;
  const parts = new Map(
    header.split(',').map((p) => {
      const i = p.indexOf('=');
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()] as [string, string];
    }),
  );
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, body, t), 'hex');
  const given = Buffer.from(/^[0-9a-f]{64}$/.test(v1) ? v1 : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
