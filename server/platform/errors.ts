// One error type for the whole server. Services throw AppError; the HTTP edge maps the code
// to a status and answers RFC 9457 problem+json. `message` is for logs; `userMessage` is the
// only text a user ever sees.

export const ERROR_STATUS = {
  validation: 400,
  unauthenticated: 401,
  second_factor_required: 401,
  /** The session ended because too many wrong passwords locked the account. */
  account_locked: 401,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly details: { errors?: FieldError[]; [key: string]: unknown };

  constructor(
    code: ErrorCode,
    opts: { message?: string; userMessage: string; details?: AppError['details']; cause?: unknown },
  ) {
    super(opts.message ?? opts.userMessage, { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = opts.userMessage;
    this.details = opts.details ?? {};
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = 'record') => new AppError('not_found', { userMessage: `The ${what} was not found.` });

export const validationError = (errors: FieldError[]) =>
  new AppError('validation', {
    userMessage: errors.length === 1 ? `${errors[0]?.field}: ${errors[0]?.message}` : 'Some answers need correcting.',
    details: { errors },
  });

export const conflict = (userMessage: string) => new AppError('conflict', { userMessage });

// PostgreSQL SQLSTATE classes and Node socket errors that mean "the database is not reachable
// right now" rather than "this request is wrong": answered 503 with Retry-After.
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

export function isDatabaseUnavailable(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    const message = String((e as { message?: unknown }).message ?? '');
    if (typeof code === 'string') {
      if (UNAVAILABLE_NODE_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08')) return true;
    }
    if (
      /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
        message,
      )
    ) {
      return true;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * The SQLSTATE of a PostgreSQL "data exception" (class 22: NUL in text 22021, integer out of
 * range 22003, bad date 22007/22008, bad number or uuid text 22P02 …) in the error or its causes,
 * or null. These mean a value the request schemas should have refused reached the database.
 */
export function dataExceptionCode(err: unknown): string | null {
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * SQLSTATE of the people's-rights trigger (migration 0034): a change to the record of a person
 * whose processing is restricted (UK GDPR Article 18).
 */
export const RESTRICTED_PROCESSING_SQLSTATE = 'WM018';

/** Whether the database refused a change because the person's processing is restricted. */
export function isRestrictedProcessing(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    if ((e as { code?: unknown }).code === RESTRICTED_PROCESSING_SQLSTATE) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Unique-constraint violation (SQLSTATE 23505), optionally on a named constraint. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    const pgErr = e as { code?: string; constraint?: string };
    if (pgErr.code === '23505') return constraint ? pgErr.constraint === constraint : true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
