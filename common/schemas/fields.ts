import { z } from 'zod';
import { NHS_NUMBER_MESSAGES, nhsNumberProblem, normaliseNhsNumber } from '../nhs-number.js';
import { normalisePostcode } from '../postcode.js';
import { type TextOptions, zText } from './text.js';

// Field kinds that several request schemas and the web forms check alike: one rule each, so the
// server and the form cannot drift apart on what they accept or how they say why not. Messages
// are read after the field's label ("NHS number must be 10 digits …").

/** Longest accepted text, by kind of field. */
export const MAX_LENGTH = {
  /** A person's given or family name. */
  personName: 100,
  /** An email address (RFC 5321's path limit, less the angle brackets). */
  emailAddress: 254,
  /** A referral's free-text details. */
  referralDetails: 4000,
  /** What a person needs to take part: large print, a carer present … */
  accessibilityNeeds: 1000,
  /** As typed, spaces and all, before the 10 digits are read from it. */
  nhsNumber: 40,
  /** As typed, before it is normalised ("ne14xx" → "NE1 4XX"). */
  postcode: 20,
} as const;

export const POSTCODE_MESSAGE = 'must be a UK postcode, like NE1 4XX';

type FieldError = TextOptions['error'];

/** An NHS number: 10 digits (spaces allowed) with a valid Modulus 11 check digit; the digits alone come out. */
export const zNhsNumber = (error?: FieldError) =>
  zText(MAX_LENGTH.nhsNumber, { error }).transform((value, ctx) => {
    const problem = nhsNumberProblem(value);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: NHS_NUMBER_MESSAGES[problem] });
      return z.NEVER;
    }
    return normaliseNhsNumber(value);
  });

/** A UK postcode, normalised to upper case with one space ("NE1 4XX"). */
export const zPostcode = (error: FieldError = { message: POSTCODE_MESSAGE }) =>
  zText(MAX_LENGTH.postcode, { error }).transform((value, ctx) => {
    const normalised = normalisePostcode(value);
    if (!normalised) {
      ctx.addIssue({ code: 'custom', message: POSTCODE_MESSAGE });
      return z.NEVER;
    }
    return normalised;
  });

/** What is wrong with `value` by `schema`, as the end of "<label> …", or null when it passes. */
export function fieldProblem(schema: z.ZodType, value: unknown): string | null {
  const result = schema.safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? null);
}

export const EMAIL_ADDRESS_MESSAGE = 'must be an email address, like name@example.org';

/** An email address, trimmed and lower-cased, within RFC 5321's length. */
export const zEmailAddress = (error: FieldError = { message: EMAIL_ADDRESS_MESSAGE }) =>
  zText(MAX_LENGTH.emailAddress, { error })
    .toLowerCase()
    .pipe(
      z
        .email(EMAIL_ADDRESS_MESSAGE)
        .max(MAX_LENGTH.emailAddress, `must be at most ${MAX_LENGTH.emailAddress} characters`),
    );
