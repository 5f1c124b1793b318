// What makes a new password acceptable, after NCSC's password guidance: length, not a common or
// guessable one, and no composition rules (no "one capital, one number, one symbol"), which make
// passwords harder to remember and no harder to guess. Shared by the server and the web forms;
// the server adds the check against a list of common passwords (too large to send to browsers).

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export const PASSWORD_HINT =
  'Use 12 characters or more. A good way is three random words, like "kettle orbit meadow". Spaces are fine.';

export const PASSWORD_TOO_COMMON = 'is too common: choose a longer phrase, such as three random words';

/** The length in characters people count (an emoji is one), not UTF-16 units. */
export const passwordLength = (password: string) => [...password].length;

/**
 * The first problem with a new password, as the end of "New password …", or null. `email` is the
 * account's own address: a password built from it is the first thing an attacker tries.
 */
export function passwordRuleProblem(password: string, email: string | null): string | null {
  if (passwordLength(password) < PASSWORD_MIN_LENGTH) return `must be ${PASSWORD_MIN_LENGTH} characters or more`;
  // The upper bound in UTF-16 units, as the sign-in form measures it: a password that can be set
  // can always be typed in again.
  if (password.length > PASSWORD_MAX_LENGTH) return `must be ${PASSWORD_MAX_LENGTH} characters or fewer`;
  const lower = password.toLowerCase();
  if (new Set(lower).size <= 2) return PASSWORD_TOO_COMMON;
  if (lower.includes('waymark')) return 'must not contain the name of this service';
  const local = email?.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 4 && lower.includes(local)) return 'must not contain your email address';
  return null;
}
