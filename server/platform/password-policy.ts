import { createRequire } from 'node:module';
import { PASSWORD_TOO_COMMON, passwordRuleProblem } from '../../common/password-rules.js';

// The deny-list: the 49,000 most common passwords of public breach corpora, as shipped (MIT) by
// @zxcvbn-ts/language-common. Loaded once, on first use.
let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  if (!common) {
    const require = createRequire(import.meta.url);
    const { dictionary } = require('@zxcvbn-ts/language-common') as { dictionary: Record<string, string[]> };
    common = new Set(dictionary['passwords-common']);
  }
  return common;
}

/**
 * Whether a password is a common one, or a common one dressed up: spaces dropped, any case, and
 * digits or symbols added at either end ("Password123456!" is "password").
 */
export function isCommonPassword(password: string): boolean {
  const list = commonPasswords();
  const squashed = password.toLowerCase().replace(/\s+/g, '');
  if (list.has(squashed)) return true;
  const core = squashed.replace(/^[^a-z]+|[^a-z]+$/g, '');
  return core.length >= 4 && list.has(core);
}

/** The first problem with a new password for this account (the end of "New password …"), or null. */
export function newPasswordProblem(password: string, email: string | null): string | null {
  return passwordRuleProblem(password, email) ?? (isCommonPassword(password) ? PASSWORD_TOO_COMMON : null);
}
