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
