/**
 * JSON with object keys sorted at every depth. PostgreSQL's jsonb does not keep key order,
 * so anything hashed over JSON must be hashed over this canonical form.
 *
 * Iterative (an explicit stack of what is left to write), so a deeply nested value from a request
 * cannot overflow the call stack; the output is the same as the obvious recursive version, which
 * the audit chain's hashes depend on (stable-json.test.ts checks both agree).
 */
export function stableStringify(value: unknown): string {
  const out: string[] = [];
  type Work = { text: string } | { value: unknown };
  const stack: Work[] = [{ value }];
  while (stack.length > 0) {
    const work = stack.pop() as Work;
    if ('text' in work) {
      out.push(work.text);
      continue;
    }
    const v = work.value;
    if (v === null || typeof v !== 'object') {
      out.push(JSON.stringify(v ?? null));
    } else if (v instanceof Date) {
      out.push(JSON.stringify(v.toISOString()));
    } else if (Array.isArray(v)) {
      out.push('[');
      stack.push({ text: ']' });
      for (let i = v.length - 1; i >= 0; i--) {
        stack.push({ value: v[i] });
        if (i > 0) stack.push({ text: ',' });
      }
    } else {
      const entries = Object.entries(v as Record<string, unknown>)
        .filter(([, child]) => child !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      out.push('{');
      stack.push({ text: '}' });
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown];
        stack.push({ value: child });
        stack.push({ text: `${JSON.stringify(key)}:` });
        if (i > 0) stack.push({ text: ',' });
      }
    }
  }
  return out.join('');
}
