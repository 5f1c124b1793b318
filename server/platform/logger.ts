import type { FastifyServerOptions } from 'fastify';
import pretty from 'pino-pretty';
import { messageOf } from './describe-error.js';

// Pino options. Personal data never reaches the logs: credentials and the personal fields of
// any body or object we might log are censored, and URLs are logged without their query string
// (searches can carry names or NHS numbers).
const PERSONAL_FIELDS = [
  'password',
  'newPassword',
  'secret',
  'email',
  'name',
  'firstName',
  'lastName',
  'nhsNumber',
  'dateOfBirth',
  'postcode',
  'phone',
  'address',
  'notes',
];

/**
 * Where log lines go: JSON lines to standard output (production: log collectors read them), or
 * pino-pretty's readable lines (development: a person reads them). Synchronous, so nothing is
 * lost when the process exits right after logging (a failed start, a shutdown).
 */
export function logStream(
  format: 'pretty' | 'json',
  destination?: NodeJS.WritableStream,
): NodeJS.WritableStream | undefined {
  if (format === 'json') return undefined;
  return pretty({
    sync: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname',
    ...(destination ? { destination, colorize: false } : {}),
  });
}

export function loggerOptions(level: string, format: 'pretty' | 'json' = 'json'): FastifyServerOptions['logger'] {
  const stream = logStream(format);
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        ...PERSONAL_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
      ],
      censor: '[redacted]',
    },
    serializers: {
      err: safeError,
      req(req: { method: string; url: string; id: string }) {
        return { id: req.id, method: req.method, path: req.url.split('?')[0] };
      },
    },
  };
}

/**
 * Database errors carry the statement's bound values (Drizzle puts them in `params` and in the
 * message after "params:"): names, emails, hashes. Log the error's kind and place, not its data.
 *
 * Callers pass what they caught, or what this function already made of it (pino's `err`
 * serializer runs it again): both must come out with the real message, never "[object Object]".
 */
export function safeError(err: unknown): { type: string; message: string; stack: string; [key: string]: unknown } {
  const scrub = (text: string | undefined) => text?.replace(/params:[\s\S]*?(\n\s+at |$)/, 'params: [redacted]$1');
  if (!(err instanceof Error)) {
    const o = (typeof err === 'object' && err !== null ? err : {}) as Record<string, unknown>;
    return {
      type: typeof o.type === 'string' ? o.type : err === null ? 'null' : typeof err,
      message: scrub(messageOf(err)) ?? '',
      ...(o.code !== undefined ? { code: o.code } : {}),
      ...(o.statusCode !== undefined ? { statusCode: o.statusCode } : {}),
      stack: typeof o.stack === 'string' ? (scrub(o.stack) ?? '') : '',
      ...(o.cause !== undefined ? { cause: safeError(o.cause) } : {}),
    };
  }
  const e = err as Error & { code?: unknown; statusCode?: unknown; cause?: unknown };
  return {
    type: e.name,
    message: scrub(messageOf(e)) ?? '',
    code: e.code,
    statusCode: e.statusCode,
    stack: scrub(e.stack) ?? '',
    ...(e.cause !== undefined ? { cause: safeError(e.cause) } : {}),
  };
}
