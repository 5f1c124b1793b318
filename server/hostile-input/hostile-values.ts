import fc from 'fast-check';
import { type Field, isDateField } from './request-fields.js';

// The hostile values of issue 19, point 2, as fast-check arbitraries mixed into every field by its
// type: huge text, unicode that is hard to handle (astral plane, combining marks, zero-width
// characters, lone surrogates), right-to-left overrides, NUL, HTML and script, SQL-ish text,
// spreadsheet formulas, wrong types, negative and huge numbers, impossible dates. Many of these
// are valid text that a route may well store: the properties are that nothing answers 5xx, that a
// refused request changes nothing, and that nothing is echoed where a browser would run it.

/** Markup a page would run if it were echoed unescaped as HTML. Each holds a marker `xssMarkersIn` finds. */
export const MARKUP = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</textarea></title><script>alert(1)</script>',
  'javascript:alert(1)//<iframe src=javascript:alert(1)>',
];

/** What marks an echo of MARKUP: any of these, raw, in a response is that markup unescaped. */
export const XSS_MARKERS = ['<script>alert(1)', 'onerror=alert(1)', 'onload=alert(1)', '<iframe src=javascript:'];

export const SQLISH = [
  "' OR 1=1 --",
  "'; DROP TABLE referrals; --",
  '" OR ""="',
  '1; SELECT pg_sleep(10); --',
  "%' OR '%'='",
  "\\'; --",
  '$$; DROP TABLE users; $$',
];

export const UNICODE = [
  // Astral plane: emoji, a family joined by zero-width joiners, mathematical letters.
  '\u{1F600}\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466} \u{1D518}\u{1D52B}\u{1D526}',
  // Combining marks stacked on one letter.
  `Z${'\u0301\u0336\u0317'.repeat(30)}algo`,
  // Zero-width characters and the byte-order mark.
  'zero\u200Bwidth\u200C\u200Djoin\uFEFF',
  // Lone surrogates: valid in a JavaScript string and in JSON text, not in UTF-8 or jsonb.
  'lone \uD800 high',
  'lone \uDFFF low',
  // Non-characters and the replacement character.
  '\uFFFE\uFFFF\uFFFD',
];

/** Bidirectional controls: the right-to-left override (U+202E) and its kin. */
export const RTL = [
  '\u202Efdp.exe',
  'Ann \u202Bright-to-left embedding\u202C',
  '\u2066isolate\u2069 \u2067rtl isolate\u2069 \u2068first strong\u2069',
  '\u200F\u200Emarks',
  '\u202D\u202Aleft-to-right override',
];

export const NUL = ['\u0000', 'Ann\u0000e', '\u0000'.repeat(64)];

/** Cells a spreadsheet would run as a formula (CSV injection). */
export const FORMULA = ['=HYPERLINK("http://evil.example","x")', "=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(A1)'];

export const IMPOSSIBLE_DATES = [
  '2026-02-30',
  '0000-00-00',
  '9999-99-99',
  '2026-04-31',
  '2027-02-29',
  '2026-00-10',
  '2026-02-30T10:00:00Z',
  '0000-00-00T00:00:00Z',
  '9999-99-99T99:99:99Z',
  '2026-03-12T25:61:61Z',
];

/** Keys that would pollute Object.prototype if a parser or a merge let them through. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** A value of every JSON type, for a field of another type. */
export const WRONG_TYPES: unknown[] = [null, true, false, 0, -1, 1.5, '', '0', 'true', [], [1], {}, { a: 1 }, [[[]]]];

/**
 * Text of `n` characters of one unit: ASCII, astral (two UTF-16 units each), combining marks or
 * RTL overrides (three bytes each in UTF-8). Past every text field's limit (the longest is 10,000
 * characters but for the CSV import, whose limit has its own test), not past every body limit.
 */
const huge = (unit: string) =>
  fc.integer({ min: 1_000, max: 40_000 }).map((n) => unit.repeat(Math.ceil(n / unit.length)));

/** Any hostile text: the lists above, generated unicode, and each list's values inside ordinary text. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...MARKUP, ...SQLISH, ...UNICODE, ...RTL, ...NUL, ...FORMULA, ...IMPOSSIBLE_DATES),
  fc
    .tuple(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(...MARKUP, ...SQLISH, ...UNICODE, ...RTL, ...FORMULA),
      fc.string({ maxLength: 12 }),
    )
    .map(([a, b, c]) => `${a}${b}${c}`),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  // Any code point at all, surrogate halves included (built directly: 'binary' strings are slow to draw).
  fc.string({ unit: fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)), maxLength: 40 }),
  fc.oneof(huge('x'), huge('\u{1F600}'), huge('e\u0301'), huge('\u202E')),
);

/** Numbers an integer or number field should refuse or bound: negative, huge, not finite, not integral. */
export const HOSTILE_NUMBERS = [
  -1,
  -0,
  0.5,
  -(2 ** 31) - 1,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 63),
  1e308,
  -1e308,
  Number.MIN_VALUE,
  // Finer than a numeric(p, 2) column holds: PostgreSQL would round them, perhaps to 0.
  2.5e-323,
  0.001,
];
const HOSTILE_NUMBER_TEXT = ['NaN', 'Infinity', '-Infinity', '1e400', '0x10', '1_000', ' 1', '١٢', '9'.repeat(400)];

/** Dates that do not exist, and random year-month-day triples, most of which do not exist either. */
const hostileDate = fc.oneof(
  fc.constantFrom(...IMPOSSIBLE_DATES),
  fc
    .tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
    .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
);

/**
 * Hostile values for one field, by its type. In a query string (`asQuery`) every value is sent
 * as text, so wrong types there are text that is not of the type.
 */
export function hostileValueFor(field: Field, asQuery: boolean): fc.Arbitrary<unknown> {
  const wrong = asQuery
    ? fc.constantFrom('', '[object Object]', 'null', 'true', '{}')
    : fc.constantFrom(...WRONG_TYPES);
  const asText = <T>(a: fc.Arbitrary<T>) => (asQuery ? a.map(String) : a);
  switch (field.type) {
    case 'integer':
    case 'number':
      return fc.oneof(
        asText(fc.constantFrom(...HOSTILE_NUMBERS)),
        asText(fc.oneof(fc.integer({ min: -(2 ** 31) * 4, max: -1 }), fc.double({ noNaN: !asQuery }))),
        fc.constantFrom(...HOSTILE_NUMBER_TEXT),
        wrong,
        hostileText,
      );
    case 'boolean':
      return fc.oneof(fc.constantFrom('yes', 'TRUE', '1', '0', 'on'), wrong, hostileText);
    case 'string':
      return isDateField(field)
        ? fc.oneof({ weight: 3, arbitrary: hostileDate }, { weight: 1, arbitrary: hostileText }, wrong)
        : fc.oneof({ weight: 4, arbitrary: hostileText }, { weight: 1, arbitrary: wrong });
  }
}

/**
 * One value of each kind, sent to every text field whatever fast-check draws: markup, SQL-ish
 * text, astral unicode, a lone surrogate (valid in JSON text, not in UTF-8 or jsonb), zero-width
 * characters, a right-to-left override and a formula.
 */
export const ONE_OF_EACH_KIND = [
  MARKUP[1],
  SQLISH[0],
  UNICODE[0],
  UNICODE[3],
  UNICODE[2],
  RTL[0],
  FORMULA[0],
] as string[];

/** The XSS markers present, raw, in `text`. */
export const xssMarkersIn = (text: string) => XSS_MARKERS.filter((m) => text.includes(m));

/** A cell a spreadsheet would run: one that starts with =, +, -, @, tab, carriage return or NUL. */
export const FORMULA_CELL = /^[=+\-@\t\r\0]/;

/**
 * A deep copy of `base` with `key` set to `value` on the object at `path` (the top when empty),
 * as an own enumerable property, so that JSON.stringify writes even `__proto__` as a key.
 */
export function withKeyAt(base: unknown, path: (string | number)[], key: string, value: unknown): unknown {
  const root = JSON.parse(JSON.stringify(base ?? {}));
  let node: unknown = root;
  for (const step of path) node = (node as Record<string | number, unknown>)[step];
  const target = node !== null && typeof node === 'object' && !Array.isArray(node) ? node : root;
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  return root;
}

/** The paths of every object inside `value` (the top first), where a polluting key can go. */
export function objectPaths(value: unknown): (string | number)[][] {
  const found: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        walk(item, [...path, i]);
      });
    } else if (v !== null && typeof v === 'object') {
      found.push(path);
      for (const [k, child] of Object.entries(v)) walk(child, [...path, k]);
    }
  };
  walk(value, []);
  return found.length > 0 ? found : [[]];
}
