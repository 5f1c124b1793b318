/** The 6-digit TOTP code as typed: spaces and dashes (from copy-paste) removed. */
export function normaliseCode(raw: string): string {
  return raw.replace(/[\s-]+/g, '');
}

export function validateCode(code: string): string | null {
  if (!code) return 'Enter the 6-digit code from your authenticator app';
  if (!/^[0-9]{6}$/.test(code)) return 'Security code must be 6 digits, like 123456';
  return null;
}

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": easier to read out and type into an app. */
export function groupSecret(secret: string): string {
  return (secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');
}
