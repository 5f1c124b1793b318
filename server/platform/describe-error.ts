import { inspect } from 'node:util';

// Anything can be thrown or rejected: an Error, an AggregateError whose own message is empty
// (Node's connect to a host with several addresses), a plain object, or nothing at all (a bare
// `reject()`). A start-up failure or an outage must still say what went wrong.

/** One readable line per failure, with the causes underneath. Never "undefined" or "[object Object]". */
export function describeError(err: unknown): string {
  const lines = [describeOne(err)];
  let cause = err instanceof Error ? err.cause : undefined;
  for (let depth = 1; depth < 5 && cause !== undefined; depth++) {
    lines.push(`caused by: ${describeOne(cause)}`);
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return lines.join('\n  ');
}

/** The message of one thrown value, without its causes. */
export function messageOf(err: unknown): string {
  if (err === undefined || err === null) return `no details (the value thrown was ${String(err)})`;
  if (typeof err === 'string') return err || 'no details (an empty string was thrown)';
  if (typeof err !== 'object') return String(err);
  const e = err as { message?: unknown; code?: unknown; errors?: unknown; name?: unknown };
  let message = typeof e.message === 'string' ? e.message : '';
  if (!message && Array.isArray(e.errors) && e.errors.length > 0) {
    message = [...new Set(e.errors.map((inner) => messageOf(inner)))].join('; ');
  }
  if (!message && typeof e.code === 'string') message = e.code;
  if (!message) {
    message =
      err instanceof Error ? `${err.name} without a message` : inspect(err, { depth: 3, breakLength: Infinity });
  }
  if (typeof e.code === 'string' && !message.includes(e.code)) message += ` (${e.code})`;
  return message;
}

function describeOne(err: unknown): string {
  const message = messageOf(err);
  // A programming error needs its place; an operational one (port taken, disk full) does not.
  if (err instanceof TypeError || err instanceof ReferenceError || err instanceof SyntaxError) {
    return err.stack ?? message;
  }
  return message;
}
