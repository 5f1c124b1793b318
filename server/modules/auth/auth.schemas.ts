import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../../../common/password-rules.js';
import { zText } from '../../../common/schemas/text.js';

export const ZSignIn = z.object({
  email: zText(320, { tooLong: 'is too long' }).toLowerCase().min(1, 'enter your email address'),
  // Any length is accepted here: a short password is simply wrong, and saying "too short"
  // would tell an attacker something about the rules for this account. Not trimmed: spaces count.
  password: zText(256, { trim: false, multiline: true, tooLong: 'is too long' }).min(1, 'enter your password'),
});

export const ZSecondFactorCode = z.object({
  code: zText(64, { multiline: true })
    .transform((s) => s.replace(/\s+/g, ''))
    .pipe(z.string().regex(/^[0-9]{6}$/, 'must be the 6-digit code from your authenticator app')),
});

export type TSignIn = z.infer<typeof ZSignIn>;

// New passwords: the shape only here; the rules (length in characters, not common, not the
// email) are checked by newPasswordProblem, which names the one that failed.
const ZNewPassword = zText(PASSWORD_MAX_LENGTH * 4, {
  trim: false,
  multiline: true,
  tooLong: 'is too long',
  error: { message: 'enter a new password' },
}).min(1, 'enter a new password');

export const ZPasswordChange = z.object({
  currentPassword: zText(256, {
    trim: false,
    multiline: true,
    tooLong: 'is too long',
    error: { message: 'enter your current password' },
  }).min(1, 'enter your current password'),
  newPassword: ZNewPassword,
});
export type TPasswordChange = z.infer<typeof ZPasswordChange>;

export const ZPasswordResetRequest = z.object({
  email: zText(320, { tooLong: 'is too long', error: { message: 'enter your email address' } })
    .toLowerCase()
    .pipe(z.email('must be in the correct format, like name@example.org')),
});
export type TPasswordResetRequest = z.infer<typeof ZPasswordResetRequest>;

export const ZPasswordReset = z.object({
  token: zText(100, { error: { message: 'is missing: open the link in the email again' } }).regex(
    /^[A-Za-z0-9_-]{20,100}$/,
    'is not a password reset link: open the link in the email again',
  ),
  newPassword: ZNewPassword,
});
export type TPasswordReset = z.infer<typeof ZPasswordReset>;
