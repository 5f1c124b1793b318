import type { FastifyError } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zText } from '../../../common/schemas/text.js';
import { AppError } from '../../platform/errors.js';
import { signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import { jsonNestingExceeds, MAX_JSON_DEPTH, NESTING_MESSAGE } from '../../platform/http/hostile-input.js';
import { capabilityStatement } from './capability-statement.js';
import { fhirReadRoutes } from './fhir-read.routes.js';
import { FHIR_JSON } from './fhir-terms.js';
import { FhirError, type Issue, operationOutcome } from './operation-outcome.js';
import { processMessage } from './use-cases/process-message.js';
import { DEFAULT_COUNT, MAX_COUNT, readMessageBack, searchMessagesBack } from './use-cases/read-message-back.js';

// The FHIR R4 edge (DESIGN.md §4): it maps onto the domain's use-cases and keeps no rules of its
// own. Registered systems only (OAuth bearer tokens, see platform/http/access.ts `bearer`), except
// the CapabilityStatement, which describes the API and no data.

export const FHIR_BASE = '/fhir/R4';

/** A FHIR resource: only resourceType is checked here; the serializer keeps every other member. */
const ZResource = z.looseObject({ resourceType: z.string() });

const ISSUE_OF_STATUS: Record<number, Issue['code']> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'too-long',
  415: 'not-supported',
  422: 'business-rule',
  429: 'throttled',
  503: 'transient',
};

const LAST_UPDATED = /^(gt|ge)(\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?)$/;

/** The instant after which `_lastUpdated=gt…` (or from which `ge…`) lists; null when it is no real date. */
function lastUpdatedOf(value: string): Date | null {
  const m = LAST_UPDATED.exec(value);
  if (!m) return null;
  const text = m[2] as string;
  const at = new Date(text);
  const year = Number(text.slice(0, 4));
  // 2025-02-30 would roll over to March: refuse a day that does not exist.
  if (Number.isNaN(at.getTime()) || year < 1900 || year > 2199) return null;
  if (new Date(`${text.slice(0, 10)}T12:00:00Z`).toISOString().slice(0, 10) !== text.slice(0, 10)) return null;
  return m[1] === 'ge' ? new Date(at.getTime() - 1) : at;
}

const REQUEST_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function fhirRoutes(app: App, { db, config }: AppDeps): void {
  const baseUrl = `${config.publicUrl}${FHIR_BASE}`;
  app.register(async (plugin) => {
    const fhir = plugin.withTypeProvider<ZodTypeProvider>();
    const parseJson = fhir.getDefaultJsonParser('error', 'error');
    fhir.addContentTypeParser(FHIR_JSON, { parseAs: 'string' }, (request, body, done) => {
      if (jsonNestingExceeds(body as string, MAX_JSON_DEPTH)) {
        done(
          new FhirError(400, [{ code: 'structure', expression: 'Bundle', diagnostics: NESTING_MESSAGE }]),
          undefined,
        );
        return;
      }
      parseJson(request, body as string, done);
    });

    // Every refusal under /fhir is an OperationOutcome (401 and 403 from the access hook too).
    fhir.setErrorHandler((error: FastifyError | AppError | FhirError, request, reply) => {
      reply.type(FHIR_JSON);
      if (error instanceof FhirError) return reply.status(error.status).send(operationOutcome(error.issues));
      if (error instanceof AppError) {
        const issues: Issue[] = error.details.errors?.map((e) => ({
          code: 'invalid',
          expression: e.field,
          diagnostics: `${e.field} ${e.message}`,
        })) ?? [{ code: ISSUE_OF_STATUS[error.status] ?? 'processing', diagnostics: error.userMessage }];
        return reply.status(error.status).send(operationOutcome(issues));
      }
      const status = (error as FastifyError).statusCode;
      const validation = (error as FastifyError).validation;
      if (status === 400 && validation?.length) {
        // A request schema refused it: each issue names the parameter or element at fault.
        return reply.status(400).send(
          operationOutcome(
            validation.map((v) => {
              const field =
                (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.') ||
                String((v.params as { missingProperty?: string } | undefined)?.missingProperty ?? 'request');
              return { code: 'invalid', expression: field, diagnostics: `${field} ${v.message ?? 'is not valid'}` };
            }),
          ),
        );
      }
      if (status && status >= 400 && status < 500) {
        const diagnostics =
          status === 429
            ? 'Too many requests from this system: wait a minute and try again.'
            : status === 415
              ? `Send the body as ${FHIR_JSON}.`
              : error.message;
        return reply
          .status(status)
          .send(operationOutcome([{ code: ISSUE_OF_STATUS[status] ?? 'invalid', diagnostics }]));
      }
      request.log.error({ err: error }, 'unhandled error');
      return reply
        .status(500)
        .send(
          operationOutcome([
            { code: 'exception', diagnostics: 'Something went wrong on our side. It has been logged.' },
          ]),
        );
    });

    fhir.get(
      `${FHIR_BASE}/metadata`,
      {
        schema: {
          response: { 200: ZResource },
          tags: ['fhir'],
          summary: 'CapabilityStatement: what the FHIR edge supports',
        },
        config: { access: { public: true } },
      },
      async (_request, reply) => reply.type(FHIR_JSON).send(capabilityStatement(config.publicUrl, '0.1.0')),
    );

    fhir.post(
      `${FHIR_BASE}/$process-message`,
      {
        schema: {
          body: z.unknown(),
          response: { 200: ZResource },
          tags: ['fhir'],
          summary: 'Receive a BaRS-style referral message (or its cancellation: ServiceRequest.status revoked)',
        },
        config: {
          access: { permission: 'referral.create' },
          rateLimit: {
            max: config.FHIR_RATE_LIMIT,
            timeWindow: '1 minute',
            keyGenerator: (request) => request.principal?.systemClient?.id ?? request.ip,
          },
        },
      },
      async (request, reply) => {
        const requestId = request.headers['x-request-id'];
        const correlationId = request.headers['x-correlation-id'];
        if (typeof requestId !== 'string' || !REQUEST_ID.test(requestId)) {
          throw new FhirError(400, [
            {
              code: 'required',
              diagnostics:
                'The X-Request-ID header must be a UUID, the same on every retry of a message (BaRS): it is how a retry is recognised.',
            },
          ]);
        }
        reply.header('X-Request-ID', requestId);
        if (typeof correlationId === 'string' && REQUEST_ID.test(correlationId))
          reply.header('X-Correlation-ID', correlationId);
        const answer = await processMessage(db, signedInContext(request), { bundle: request.body, requestId, baseUrl });
        if (answer.replayed) reply.header('Idempotent-Replayed', 'true');
        return reply
          .status(200)
          .type(FHIR_JSON)
          .send(answer.body as z.infer<typeof ZResource>);
      },
    );

    fhirReadRoutes(fhir, { db, config }, FHIR_BASE);

    // The message back (issue 17 point 4): the messages a system may read, as FHIR messages.
    const ZBundleSearch = z.object({
      type: zText(40).optional(),
      _lastUpdated: zText(60)
        .regex(LAST_UPDATED, 'must be gt or ge followed by a date or an instant, like gt2026-12-01T09:00:00Z')
        .refine((v) => lastUpdatedOf(v) !== null, 'must be a real date, from the year 1900 to 2199')
        .optional(),
      _count: zText(10).optional(),
      _offset: zText(10).optional(),
    });
    const rateLimit = {
      max: config.FHIR_RATE_LIMIT,
      timeWindow: '1 minute',
      keyGenerator: (request: { principal?: { systemClient?: { id: string } } | null; ip: string }) =>
        request.principal?.systemClient?.id ?? request.ip,
    };
    fhir.get(
      `${FHIR_BASE}/Bundle`,
      {
        schema: {
          querystring: ZBundleSearch,
          response: { 200: ZResource },
          tags: ['fhir'],
          summary:
            'Search the messages back (Bundle type message) the system may read: _lastUpdated=gt…, _count, paged',
        },
        config: { access: { permission: 'gpmessage.read' }, rateLimit },
      },
      async (request, reply) => {
        const q = request.query;
        const known = new Set(['type', '_lastUpdated', '_count', '_offset', '_format']);
        const given = new URL(request.url, 'http://waymark.invalid').searchParams;
        const unknown = [...new Set(given.keys())].filter((k) => !known.has(k));
        const issues: Issue[] = unknown.map((k) => ({
          code: 'not-supported',
          expression: k,
          diagnostics: `The search parameter ${k} is not supported on Bundle: use type, _lastUpdated, _count.`,
        }));
        if (q.type !== undefined && q.type !== 'message') {
          issues.push({
            code: 'value',
            expression: 'type',
            diagnostics: 'type must be message: only messages back are searchable.',
          });
        }
        const since = q._lastUpdated === undefined ? null : lastUpdatedOf(q._lastUpdated);
        const count = q._count === undefined ? DEFAULT_COUNT : Number(q._count);
        if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
          issues.push({
            code: 'value',
            expression: '_count',
            diagnostics: `_count must be a whole number from 1 to ${MAX_COUNT}.`,
          });
        }
        const offset = q._offset === undefined ? 0 : Number(q._offset);
        if (!Number.isInteger(offset) || offset < 0 || offset > 1_000_000) {
          issues.push({
            code: 'value',
            expression: '_offset',
            diagnostics: '_offset must be a whole number, 0 or more.',
          });
        }
        if (issues.length > 0) throw new FhirError(400, issues);
        const params = (o: number) => {
          const p = new URLSearchParams({ type: 'message' });
          if (q._lastUpdated) p.set('_lastUpdated', q._lastUpdated);
          p.set('_count', String(count));
          if (o > 0) p.set('_offset', String(o));
          return `${baseUrl}/Bundle?${p.toString()}`;
        };
        const body = await searchMessagesBack(
          db,
          signedInContext(request),
          { since, offset, count },
          { self: params(offset), next: params, baseUrl },
        );
        return reply.type(FHIR_JSON).send(body as z.infer<typeof ZResource>);
      },
    );

    fhir.get(
      `${FHIR_BASE}/Bundle/:id`,
      {
        schema: {
          params: z.object({ id: zText(64) }),
          response: { 200: ZResource },
          tags: ['fhir'],
          summary: 'Read one message back (Bundle type message)',
        },
        config: { access: { permission: 'gpmessage.read' }, rateLimit },
      },
      async (request, reply) => {
        const bundle = await readMessageBack(db, signedInContext(request), request.params.id, baseUrl);
        return reply
          .type(FHIR_JSON)
          .header('ETag', `W/"${bundle.meta.versionId}"`)
          .header('Last-Modified', new Date(bundle.meta.lastUpdated).toUTCString())
          .send(bundle as z.infer<typeof ZResource>);
      },
    );
  });
}
