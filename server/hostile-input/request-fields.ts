import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { z } from 'zod';

// Test support for the hostile-input tests: the fields of a route's request, derived from the zod
// schema it declares (through its JSON Schema, as OpenAPI shows it), a plausible example request,
// and a way to ask the schema itself whether it refuses a value at a path.

export type Path = (string | number)[];

/** What a request part's JSON Schema says about one field. */
export interface Field {
  path: Path;
  type: 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  default?: unknown;
};

export const toJsonSchema = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

export const fieldName = (path: Path) => path.map(String).join('.');

/** Every leaf field of a schema (union branches merged), arrays entered at index 0. */
export function fieldsOf(schema: z.ZodType): Field[] {
  const found = new Map<string, Field>();
  const stack: { s: JsonSchema; path: Path }[] = [{ s: toJsonSchema(schema), path: [] }];
  while (stack.length > 0) {
    const { s, path } = stack.pop() as { s: JsonSchema; path: Path };
    for (const branch of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) stack.push({ s: branch, path });
    if (s.properties) {
      for (const [key, child] of Object.entries(s.properties)) stack.push({ s: child, path: [...path, key] });
    }
    if (s.items) stack.push({ s: s.items, path: [...path, 0] });
    const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
    if (type === 'string' || type === 'integer' || type === 'number' || type === 'boolean') {
      const key = `${fieldName(path)}:${type}`;
      const previous = found.get(key);
      found.set(key, {
        path,
        type,
        format: s.format ?? previous?.format,
        maxLength: s.maxLength ?? previous?.maxLength,
        minimum: s.minimum ?? s.exclusiveMinimum ?? previous?.minimum,
        maximum: s.maximum ?? s.exclusiveMaximum ?? previous?.maximum,
      });
    }
  }
  return [...found.values()];
}

/** A name that says the field holds a date or a date-time, whatever its JSON Schema shows. */
const DATE_NAME = /(date|Date|On$|At$|^at$|^from$|^to$|_from$|_to$|_after$|^byWhen$)/;
export const isDateField = (f: Field) =>
  f.type === 'string' && (f.format === 'date' || f.format === 'date-time' || DATE_NAME.test(String(f.path.at(-1))));

const CONTROL_PATTERN = /\\u0000/;

/** A value the schema is likely to accept, so that a hostile value in one field is the only fault. */
export function exampleOf(s: JsonSchema): unknown {
  const branches = [...(s.anyOf ?? []), ...(s.oneOf ?? [])].filter((b) => b.type !== 'null');
  if (branches[0]) return exampleOf(branches[0]);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, exampleOf(v)]));
    case 'array':
      return s.items
        ? Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => exampleOf(s.items as JsonSchema))
        : [];
    case 'boolean':
      return false;
    case 'integer':
    case 'number': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
      return Math.min(Math.max(1, min), s.maximum ?? Number.MAX_SAFE_INTEGER);
    }
    case 'string':
      return exampleString(s);
    default:
      return null;
  }
}

function exampleString(s: JsonSchema): string {
  if (s.format === 'uuid') return randomUUID();
  if (s.format === 'date') return '2026-03-12';
  if (s.format === 'date-time') return new Date(Date.now() - 3_600_000).toISOString();
  if (s.format === 'email') return 'someone@example.org';
  const patterns = [s.pattern, ...(s.allOf ?? []).map((p) => p.pattern)].filter(
    (p): p is string => typeof p === 'string' && !CONTROL_PATTERN.test(p),
  );
  if (patterns[0]) {
    const [sample] = fc.sample(fc.stringMatching(new RegExp(patterns[0])), { numRuns: 1, seed: 42 });
    if (sample !== undefined && sample.length <= (s.maxLength ?? Number.POSITIVE_INFINITY)) return sample;
  }
  return 'Example text'.padEnd(s.minLength ?? 0, '.').slice(0, s.maxLength ?? 1000);
}

/** A copy of `base` with `value` at `path` (containers made as needed). */
export function withValueAt(base: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const root: unknown = structuredClone(base ?? (typeof path[0] === 'number' ? [] : {}));
  let node = root as Record<string | number, unknown>;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (next === null || typeof next !== 'object') node[key] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  });
  return root;
}

/** Whether parsing `input` with `schema` reports a problem at exactly `path`. */
export function refusesAt(schema: z.ZodType, input: unknown, path: Path): boolean {
  const result = schema.safeParse(input);
  return !result.success && result.error.issues.some((issue) => fieldName(issue.path as Path) === fieldName(path));
}

export const INT_ATTACKS = [2 ** 31, -(2 ** 31) - 1, 2 ** 63, -(2 ** 63)];
export const TEXT_ATTACKS = ['Ann\u0000e', '\u0000', 'bell\u0007', 'escape\u001b[31m', 'del\u007f'];
export const DATE_ATTACKS = ['0000-01-01', '10000-01-01', '9999-12-31', '2025-02-30', '2025-13-01'];
export const DATE_TIME_ATTACKS = [
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+010000-01-01T00:00:00Z',
  '2025-02-30T10:00:00Z',
];

/**
 * The hostile values for a field: control characters, out-of-range numbers, impossible dates and
 * text past the field's limit. Every one of them must be refused, by the structural rule that
 * request-schemas.db.test.ts holds every schema to.
 */
export function attacksOn(field: Field, asQuery: boolean): unknown[] {
  const q = (v: number) => (asQuery ? String(v) : v);
  switch (field.type) {
    case 'integer':
      return [...INT_ATTACKS.map(q), ...(asQuery ? ['9999999999999999999', '1e400'] : [])];
    case 'number':
      return [...INT_ATTACKS.map(q), q(Number.MAX_VALUE)];
    case 'boolean':
      return asQuery ? ['\u0000'] : [];
    case 'string': {
      const limit = (field.maxLength ?? 100_000) + 1;
      // A whole file (the CSV import) is not worth sending again at its limit.
      const tooLong = limit <= 200_000 ? ['x'.repeat(limit)] : [];
      const dates = isDateField(field) ? [...DATE_ATTACKS, ...DATE_TIME_ATTACKS] : [];
      return [...TEXT_ATTACKS, ...tooLong, ...dates];
    }
  }
}
