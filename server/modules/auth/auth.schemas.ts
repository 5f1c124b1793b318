import { z } from 'zod';
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
