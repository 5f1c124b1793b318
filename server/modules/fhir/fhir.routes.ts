import type { FastifyError } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import { jsonNestingExceeds, MAX_JSON_DEPTH, NESTING_MESSAGE } from '../../platform/http/hostile-input.js';
import { capabilityStatement } from './capability-statement.js';
import { fhirReadRoutes } from './fhir-read.routes.js';
import { FHIR_JSON } from './fhir-terms.js';
import { FhirError, type Issue, operationOutcome } from './operation-outcome.js';
import { processMessage } from './use-cases/process-message.js';

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
  });
}
