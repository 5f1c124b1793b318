import { parse } from 'csv-parse/sync';
import { FORMULA_CELL, xssMarkersIn } from './hostile-values.js';
import { changedColumns, type Write } from './write-log.js';

// What the hostile-input tests hold every answer to, beside "never a 5xx":
//  - a refused request (4xx) changes nothing: the only writes it may make are the ones listed
//    here, each for a stated reason;
//  - nothing is echoed where a browser would run it, every answer says what it is and forbids
//    sniffing, and no CSV cell is a formula.

/** The answer as the checks read it (a light-my-request response). */
export interface Answer {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

/**
 * The writes a refused request may make, each for a reason:
 *  - an audit row of the refusal itself (outcome denied or failure; never a success), as the
 *    design asks that denied attempts be audited — including the refusal throttle's count rows,
 *    which its timer writes whenever a window ends;
 *  - the session's last-seen time (the idle timeout counts any request as activity);
 *  - a wrong password counted towards the lockout, on the routes that check one.
 */
export function unexpectedWrites(writes: Write[], route: string): Write[] {
  return writes.filter((w) => !allowedOnRefusal(w, route));
}

const CHECKS_A_PASSWORD = new Set(['POST /api/auth/sign-in', 'POST /api/account/password']);

function allowedOnRefusal(w: Write, route: string): boolean {
  if (w.table === 'public.audit_events' && w.op === 'INSERT') {
    return w.row?.outcome === 'denied' || w.row?.outcome === 'failure';
  }
  if (w.table === 'public.sessions' && w.op === 'UPDATE') {
    return sameColumns(changedColumns(w), ['last_seen_at']);
  }
  if (w.table === 'public.users' && w.op === 'UPDATE' && CHECKS_A_PASSWORD.has(route)) {
    return changedColumns(w).every((c) => ['failed_sign_ins', 'locked_until'].includes(c));
  }
  return false;
}

const sameColumns = (a: string[], b: string[]) => a.length > 0 && a.every((c) => b.includes(c));

/** A short description of a write, for a failure message (never the whole row). */
export function describeWrite(w: Write): string {
  const changed = w.op === 'UPDATE' ? ` (${changedColumns(w).join(', ')})` : '';
  const action = w.table === 'public.audit_events' ? ` ${String(w.row?.action)}/${String(w.row?.outcome)}` : '';
  return `${w.op} ${w.table}${changed}${action}`;
}

const JSON_TYPE = /^application\/(?:problem\+|fhir\+)?json\b/;

/** What is wrong with an answer as a browser or a spreadsheet would take it (empty when nothing). */
export function answerProblems(res: Answer): string[] {
  const problems: string[] = [];
  const type = String(res.headers['content-type'] ?? '');
  // A WebSocket route answers a plain request before any plugin's headers: nothing to sniff.
  if (res.body.length === 0) return problems;
  if (res.headers['x-content-type-options'] !== 'nosniff') problems.push('no X-Content-Type-Options: nosniff');
  if (!type) problems.push('a body without a Content-Type');
  const trimmed = res.body.trimStart();
  if ((trimmed.startsWith('{') || trimmed.startsWith('[')) && !JSON_TYPE.test(type) && looksLikeJson(trimmed)) {
    problems.push(`a JSON body as ${type}`);
  }
  // The error handler's last resort: PostgreSQL refused a value that no schema named. A 400, but
  // the app logs it as a bug, and so does this check (the field is never named).
  if (res.statusCode === 400 && /"field":"request","message":"has a value out of range/.test(res.body)) {
    problems.push('the database refused a value the request schema let through (the last-resort 400)');
  }
  const markers = xssMarkersIn(res.body);
  if (markers.length > 0 && !JSON_TYPE.test(type)) {
    problems.push(`echoes ${markers.join(', ')} unescaped as ${type || 'no type'}`);
  }
  if (type.startsWith('text/csv')) {
    for (const cell of csvCells(res.body)) {
      if (FORMULA_CELL.test(cell))
        problems.push(`a CSV cell a spreadsheet would run: ${JSON.stringify(cell.slice(0, 40))}`);
    }
  }
  return problems;
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Every cell of a CSV text (a text that is not CSV at all is one problem cell of its own). */
export function csvCells(text: string): string[] {
  try {
    return (parse(text, { relax_column_count: true }) as string[][]).flat();
  } catch (error) {
    return [`=not CSV: ${(error as Error).message}`];
  }
}
