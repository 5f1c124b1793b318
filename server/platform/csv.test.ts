import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvSafe, toCsv } from './csv.js';

describe('CSV downloads', () => {
  it('neutralises a cell that a spreadsheet would run as a formula', () => {
    expect(csvSafe('=HYPERLINK("http://evil.example","x")')).toBe('\'=HYPERLINK("http://evil.example","x")');
    expect(csvSafe('+1')).toBe("'+1");
    expect(csvSafe('-2+3')).toBe("'-2+3");
    expect(csvSafe('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvSafe('\tcmd')).toBe("'\tcmd");
    expect(csvSafe('\rcmd')).toBe("'\rcmd");
    expect(csvSafe('\0=1+1')).toBe("'\0=1+1");
  });

  it('any text at all: read back, no cell starts a formula, and each is the text (an apostrophe before it if it would)', {
    timeout: 30_000,
  }, () => {
    const formulaStart = /^[=+\-@\t\r\0]/;
    const cell = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc
        .tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\0', '"', ',', '\n'), fc.string({ maxLength: 20 }))
        .map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), (rows) => {
        const width = Math.max(...rows.map((r) => r.length));
        const square = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
        const read = parse(toCsv(square), { relax_column_count: true }) as string[][];
        return (
          read.length === square.length &&
          read.every((row, i) =>
            row.every((text, j) => {
              const written = square[i]?.[j] ?? '';
              return !formulaStart.test(text) && text === (formulaStart.test(written) ? `'${written}` : written);
            }),
          )
        );
      }),
      { numRuns: 200 },
    );
  });

  it('leaves ordinary text and numbers alone', () => {
    expect(csvSafe('Walk and Talk = fun')).toBe('Walk and Talk = fun');
    expect(csvSafe(12)).toBe('12');
    expect(csvSafe('*')).toBe('*');
    expect(csvSafe(null)).toBe('');
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(toCsv([['a,b', 'say "hi"', 'two\nlines', 3]])).toBe('"a,b","say ""hi""","two\nlines",3\r\n');
    expect(toCsv([['=1+2', 'x']])).toBe("'=1+2,x\r\n");
    expect(toCsv([['=A1,B1']])).toBe('"\'=A1,B1"\r\n');
  });
});
