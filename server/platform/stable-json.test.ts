import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stableStringify } from './stable-json.js';

/** The recursive definition the audit chain was hashed with before (kept here as the reference). */
function recursiveReference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(recursiveReference).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${recursiveReference(v)}`).join(',')}}`;
}

describe('stableStringify', () => {
  it('writes exactly what the recursive definition writes (audit hashes depend on it)', () => {
    const values = fc.anything({ withDate: true, withNullPrototype: true, maxDepth: 6 });
    // The same text, or the same error: fast-check sometimes draws an invalid Date, which neither
    // can write (a seed-dependent failure in CI until both outcomes were compared).
    const outcome = (write: () => string) => {
      try {
        return write();
      } catch (error) {
        return `throws ${(error as Error).constructor.name}`;
      }
    };
    fc.assert(
      fc.property(values, (v) => {
        expect(outcome(() => stableStringify(v))).toBe(outcome(() => recursiveReference(v)));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts keys at every depth and leaves out undefined members', () => {
    expect(stableStringify({ b: [{ d: 1, c: undefined, a: new Date(0) }], a: null })).toBe(
      '{"a":null,"b":[{"a":"1970-01-01T00:00:00.000Z","d":1}]}',
    );
  });

  it('survives 100,000 levels of nesting, where the recursive version overflows the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = i % 2 ? [deep] : { k: deep };
    expect(() => recursiveReference(deep)).toThrow(RangeError);
    const text = stableStringify(deep);
    expect(text.length).toBe(1 + 50_000 * 2 + 50_000 * 6);
  });
});
