// After a failed run, a short account of each failure: its error and what the page showed (the
// accessibility snapshot Playwright saves beside it). CI logs keep only their tail, and the list
// reporter's long attachment listings would otherwise push the errors out of it.
import { existsSync, readFileSync } from 'node:fs';

const REPORT = '.tmp/e2e-report.json';
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'); // colour codes

function lines(text, max) {
  const all = text.replace(ANSI, '').split('\n');
  return all.length > max ? [...all.slice(0, max), `… (${all.length - max} more lines)`] : all;
}

function* failures(suite) {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      const last = test.results?.at(-1);
      if (last && last.status !== 'passed' && last.status !== 'skipped') yield { spec, result: last };
    }
  }
  for (const child of suite.suites ?? []) yield* failures(child);
}

export function printFailureSummary() {
  if (!existsSync(REPORT)) return;
  const report = JSON.parse(readFileSync(REPORT, 'utf8'));
  const failed = (report.suites ?? []).flatMap((suite) => [...failures(suite)]);
  if (failed.length === 0) return;
  const out = ['', '='.repeat(78), `END-TO-END FAILURES (${failed.length}), in short`, '='.repeat(78)];
  for (const { spec, result } of failed) {
    out.push('', `✘ ${spec.file}:${spec.line} › ${spec.title}  [${result.status}, ${result.duration} ms]`);
    for (const error of result.errors ?? []) out.push(...lines(error.message ?? String(error.value), 25));
    const context = (result.attachments ?? []).find((a) => a.name === 'error-context' && a.path);
    if (context?.path && existsSync(context.path)) {
      const text = readFileSync(context.path, 'utf8');
      const at = text.indexOf('```yaml');
      const snapshot = at >= 0 ? text.slice(at) : text;
      out.push('  -- the page at the failure --', ...lines(snapshot, 80));
    }
  }
  console.log(out.join('\n'));
}
