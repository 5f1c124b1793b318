import { z } from 'zod';

export const ZSignIn = z.object({
  email: z.string().trim().toLowerCase().min(1, 'enter your email address').max(320, 'is too long'),
  // Any length is accepted here: a short password is simply wrong, and saying "too short"
  // would tell an attacker something about the rules for this account.
  password: z.string().min(1, 'enter your password').max(256, 'is too long'),
});

export const ZSecondFactorCode = z.object({
  code: z
    .string()
    .trim()
    .transform((s) => s.replace(/\s+/g, ''))
    .pipe(z.string().regex(/^[0-9]{6}$/, 'must be the 6-digit code from your authenticator app')),
});

export type TSignIn = z.infer<typeof ZSignIn>;
