import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Problem } from '../../../common/api-types.js';
import { messageOf } from '../describe-error.js';
import {
  AppError,
  dataExceptionCode,
  type FieldError,
  isDatabaseUnavailable,
  isRestrictedProcessing,
} from '../errors.js';

export const RETRY_AFTER_SECONDS = 5;

const TITLES: Record<number, string> = {
  400: 'Some answers need correcting',
  401: 'Sign in required',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  413: 'Too large',
  415: 'Unsupported media type',
  422: 'Cannot be processed',
  429: 'Too many requests',
  500: 'Something went wrong',
  503: 'Service unavailable',
};

export function sendProblem(
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  errors?: FieldError[],
): FastifyReply {
  const body: Problem = {
    type: `https://waymark.example/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors ? { errors } : {}),
  };
  return reply.status(status).type('application/problem+json').send(body);
}

/**
 * The headers a refusal by the router itself must carry (`frameworkErrors`: an address it cannot
 * read). No route matched, so no onRequest hook ran and helmet set nothing: without these the
 * answer would be the one response of the app that a browser may sniff, frame or run scripts in.
 * The body is a problem document, so nothing at all may load from it.
 */
export function withRouterRefusalHeaders(reply: FastifyReply): FastifyReply {
  return reply.headers({
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
  });
}

/**
 * A refusal made before any route is found (an unknown address, one the router cannot read): as
 * problem+json, except under /fhir, where every answer is FHIR and a refusal an OperationOutcome.
 */
export function sendAddressRefusal(
  url: string,
  reply: FastifyReply,
  status: 404 | 400,
  detail: string,
  errors?: FieldError[],
): FastifyReply {
  if (url.startsWith('/fhir/')) {
    return reply
      .status(status)
      .type('application/fhir+json')
      .send({
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: status === 404 ? 'not-found' : 'invalid', diagnostics: detail }],
      });
  }
  return sendProblem(reply, status, status === 404 ? 'not_found' : 'bad_request', detail, errors);
}

/** `body.person.nhsNumber` from a zod issue path; the request part ("body") is dropped. */
function fieldName(path: readonly PropertyKey[] | string, fallback: string): string {
  const parts = (typeof path === 'string' ? path.split('/').filter(Boolean) : path.map(String)).filter((p) => p !== '');
  return parts.length ? parts.join('.') : fallback;
}

/** The one error handler: every failure leaves as problem+json; internal messages never do. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.code === 'unavailable') reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
      return sendProblem(reply, error.status, error.code, error.userMessage, error.details.errors);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const part = error.validationContext ?? 'body';
      const errors = error.validation.map((v) => ({
        field: fieldName(v.instancePath, part),
        message: v.message ?? 'is not valid',
      }));
      return sendProblem(reply, 400, 'validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
    }
    if (isDatabaseUnavailable(error)) {
      // The driver's own error (ECONNREFUSED, 57P01 …), not the query wrapped around it.
      const cause = rootCause(error);
      request.log.warn(
        { err: { message: messageOf(cause), code: (cause as { code?: string }).code } },
        'database unavailable',
      );
      reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
      return sendProblem(
        reply,
        503,
        'unavailable',
        'Waymark cannot reach its database just now. Please try again in a moment.',
      );
    }
    if (isRestrictedProcessing(error)) {
      // The database refused a change to the record of a person whose processing is restricted
      // (UK GDPR Article 18): nothing was changed, and the reason is the person's, not the request's.
      return sendProblem(
        reply,
        409,
        'processing_restricted',
        'Processing of this person’s record is restricted (UK GDPR Article 18): it can be read but not changed until the restriction is lifted.',
      );
    }
    const sqlState = dataExceptionCode(error);
    if (sqlState) {
      // Last resort: the value is the client's mistake, but a schema should have named it. Logged
      // as a bug (with the SQLSTATE, not the SQL or the value), answered 400 without details.
      request.log.error(
        { sqlState, method: request.method, route: request.routeOptions.url },
        'bug: the database refused a value the request schemas let through',
      );
      return sendProblem(
        reply,
        400,
        'validation',
        'A value in this request is out of range or is not valid text. Check the answers and try again.',
        [{ field: 'request', message: 'has a value out of range or text that is not valid' }],
      );
    }
    const status = (error as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      // Fastify's own client errors (malformed JSON, wrong content type, body too large).
      const code = status === 429 ? 'rate_limited' : status === 413 ? 'payload_too_large' : 'bad_request';
      const errors = status === 413 ? [{ field: 'body', message: 'is larger than this address accepts' }] : undefined;
      return sendProblem(reply, status, code, error.message, errors);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, 500, 'internal', 'Something went wrong on our side. It has been logged.');
  });
}

function rootCause(err: unknown): unknown {
  let e = err;
  for (let depth = 0; depth < 5 && e instanceof Error && e.cause !== undefined; depth++) e = e.cause;
  return e;
}
