import { z } from 'zod';

// Whole numbers as request schemas take them: bounded to what the column holds. PostgreSQL's
// `integer` is 32-bit, and a larger value is a database error (22003) rather than a clear answer,
// so every integer in a request has bounds within it; 64-bit ids travel as digit strings.

export const INT4_MIN = -2_147_483_648;
export const INT4_MAX = 2_147_483_647;
export const INT8_MAX = 9_223_372_036_854_775_807n;

function assertInt4(min: number, max: number): void {
  if (!(Number.isInteger(min) && Number.isInteger(max) && min >= INT4_MIN && max <= INT4_MAX && min <= max)) {
    throw new Error(`integer bounds ${min}..${max} do not fit PostgreSQL's integer`);
  }
}

export interface IntMessages {
  /** Not a number at all (and, unless `whole` is given, not whole). */
  type?: string;
  /** A number, but not a whole one. */
  whole?: string;
  /** Below `min` or above `max` (default "must be between min and max"). */
  range?: string;
  min?: string;
  max?: string;
}

function messages(min: number, max: number, m: IntMessages) {
  const range = m.range ?? `must be between ${min} and ${max}`;
  const type = m.type ?? 'must be a whole number';
  return {
    type,
    whole: m.whole ?? type,
    min: m.min ?? range,
    max: m.max ?? range,
  };
}

/** A whole number in a JSON body, min..max (both inside PostgreSQL's integer). */
export function zInt(min: number, max: number, m: IntMessages = {}) {
  assertInt4(min, max);
  const msg = messages(min, max, m);
  return z.number({ message: msg.type }).int(msg.whole).min(min, msg.min).max(max, msg.max);
}

/** A whole number in a query string (text, converted), min..max inside PostgreSQL's integer. */
export function zQueryInt(min: number, max: number, m: IntMessages = {}) {
  assertInt4(min, max);
  const msg = messages(min, max, m);
  return z.coerce.number({ message: msg.type }).int(msg.whole).min(min, msg.min).max(max, msg.max);
}

/** The version of a record the client read (optimistic concurrency): 1 (or `min`) up to int4. */
export function zVersion(message: string, min = 1) {
  return zInt(min, INT4_MAX, { type: message, min: message, max: message });
}

/** A version in a query string (`?from=3`). */
export function zQueryVersion(message: string, min = 1) {
  return zQueryInt(min, INT4_MAX, { type: message, min: message, max: message });
}

/** A positive 64-bit id (`bigserial`) as its decimal digits, as it travels in URLs and JSON. */
export function zInt8Id(message: string) {
  return z
    .string({ message })
    .max(19, message)
    .regex(/^[1-9][0-9]*$/, message)
    .refine((v) => !/^[0-9]+$/.test(v) || BigInt(v) <= INT8_MAX, message);
}
