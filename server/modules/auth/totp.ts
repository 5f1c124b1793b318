import * as OTPAuth from 'otpauth';

// RFC 6238 TOTP: 6 digits, 30-second steps, SHA-1 — what every authenticator app supports.
const PERIOD = 30;

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

export function otpauthUri(secret: string, accountName: string): string {
  return new OTPAuth.TOTP({
    issuer: 'Waymark',
    label: accountName,
    secret: OTPAuth.Secret.fromBase32(secret),
    period: PERIOD,
  }).toString();
}

/**
 * The time-step the code belongs to, allowing one step of clock drift either way,
 * or null when the code is wrong. The caller refuses a step already used (no replay).
 */
export function matchTotpStep(secret: string, code: string, now = Date.now()): number | null {
  const delta = OTPAuth.TOTP.validate({
    token: code,
    secret: OTPAuth.Secret.fromBase32(secret),
    period: PERIOD,
    timestamp: now,
    window: 1,
  });
  if (delta === null) return null;
  return Math.floor(now / 1000 / PERIOD) + delta;
}

export function totpCode(secret: string, now = Date.now()): string {
  return OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), period: PERIOD, timestamp: now });
}
