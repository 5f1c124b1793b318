// CSV for downloads that people open in spreadsheets. A cell that starts with =, +, -, @, a tab,
// a carriage return or NUL can be run as a formula by Excel or LibreOffice (OWASP "CSV
// injection"; ASVS 5.0 1.2.10 names NUL too), so such a cell gets a leading apostrophe, which
// spreadsheets show as text and do not run. Every cell is quoted when it holds a comma, a quote
// or a line break (RFC 4180).

const FORMULA_START = /^[=+\-@\t\r\0]/;

/** A cell's text, neutralised against formula injection. */
export function csvSafe(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

const quoted = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** Rows of cells as CSV text (CRLF line ends, as RFC 4180 and spreadsheets expect). */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows
    .map((row) => row.map((cell) => quoted(csvSafe(cell))).join(','))
    .join('\r\n')
    .concat('\r\n');
}
