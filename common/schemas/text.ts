import { z } from 'zod';

// Text as every request schema takes it. PostgreSQL refuses NUL in text and jsonb (SQLSTATE
// 22021 / 22P05), and the other C0 control characters only hide text from the people who read it
// later, so they are refused at the edge of every field: a 400 naming the field, never a 500.
// Multi-line fields (notes, descriptions, summaries) may hold tab, line feed and carriage return.

/** Neither NUL nor any other C0 control character, nor DEL. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
export const SINGLE_LINE_TEXT = /^[^\u0000-\u001f\u007f]*$/;
/** As SINGLE_LINE_TEXT, but tab, line feed and carriage return are allowed. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
export const MULTI_LINE_TEXT = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;

export const CONTROL_CHARACTERS_MESSAGE = 'must not contain control characters';

/**
 * Half of a character: a UTF-16 surrogate without its pair. Valid in a JavaScript string and in
 * JSON text (`"\ud800"`), but not Unicode text: UTF-8 cannot hold it (the driver would store U+FFFD
 * instead) and PostgreSQL's jsonb refuses it outright (SQLSTATE 22P02), so it is refused at the edge.
 */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNPAIRED_SURROGATE_MESSAGE = 'must be valid text: it holds half of a character (an unpaired surrogate)';

/** True when `value` holds half of a character (see UNPAIRED_SURROGATE). */
export const hasUnpairedSurrogates = (value: string): boolean => UNPAIRED_SURROGATE.test(value);

/** True when `value` holds a character no text field accepts (NUL, C0 other than tab/LF/CR, DEL). */
export function hasControlCharacters(value: string, multiline = true): boolean {
  return !(multiline ? MULTI_LINE_TEXT : SINGLE_LINE_TEXT).test(value);
}

export interface TextOptions {
  /** Notes, descriptions, summaries: tab and line breaks are allowed. */
  multiline?: boolean;
  /** Trim surrounding white space before the checks (default true). */
  trim?: boolean;
  /** The message (or error map) when the value is not a string at all. */
  error?: Parameters<typeof z.string>[0];
  /** The message when the text is longer than `max`. */
  tooLong?: string;
}

/**
 * Text of at most `max` characters without control characters. Chain `.min(1, '…')` for a
 * required field, `.nullish()` / `.optional()` for an optional one.
 */
export function zText(max: number, opts: TextOptions = {}) {
  const base = z.string(opts.error);
  return (opts.trim === false ? base : base.trim())
    .max(max, opts.tooLong ?? `must be at most ${max} characters`)
    .regex(opts.multiline ? MULTI_LINE_TEXT : SINGLE_LINE_TEXT, CONTROL_CHARACTERS_MESSAGE)
    .refine((v) => !hasUnpairedSurrogates(v), UNPAIRED_SURROGATE_MESSAGE);
}

/** Multi-line text (notes, descriptions): tab and line breaks allowed. */
export const zMultilineText = (max: number, opts: Omit<TextOptions, 'multiline'> = {}) =>
  zText(max, { ...opts, multiline: true });
