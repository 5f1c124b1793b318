import type { FastifyError } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zIdParam } from '../../../common/schemas/ids.js';
import { zText } from '../../../common/schemas/text.js';
import {
  ZGpMessageDeliveryList,
  ZSystemClient,
  ZSystemClientCreate,
  ZSystemClientCreated,
  ZSystemClientList,
  ZWebhookSet,
  ZWebhookSetAnswer,
} from '../../../common/system-clients.js';
import { AppError } from '../../platform/errors.js';
import { requestContext, signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import * as clients from './system-clients.service.js';
import { issueToken, OAuthError } from './use-cases/issue-token.js';

const ZIdParam = z.object({ id: zText(40).pipe(z.uuid('must be a valid system client id')) });
/** The same, as a plain uuid (the hostile-input walk then builds a well-formed id for the body's tests). */
const ZClientIdParam = zIdParam('must be a valid system client id');

/** Where tokens are asked for: also the audience every client assertion must name. */
export const tokenUrlOf = (publicUrl: string) => `${publicUrl}/oauth2/token`;

// Every field a token request may carry (RFC 6749 §4.4.2, §2.3.1; RFC 7521 §4.2). A JWT fits in
// 8,000 characters with room to spare; anything else is short.
const ZTokenRequest = z.object({
  grant_type: zText(100).optional(),
  scope: zText(500).optional(),
  client_id: zText(100).optional(),
  client_secret: zText(200).optional(),
  client_assertion_type: zText(200).optional(),
  client_assertion: zText(8000).optional(),
});

const ZOAuthError = z.object({
  error: z.string(),
  error_description: z.string(),
  /** For a malformed request, each field at fault and why (as every other Waymark 400 names them). */
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

const ZTokenAnswer = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number(),
  scope: z.string(),
});

export function systemClientsRoutes(app: App, { db, config }: AppDeps): void {
  const tokenUrl = tokenUrlOf(config.publicUrl);

  app.get(
    '/api/admin/system-clients',
    {
      schema: {
        response: { 200: ZSystemClientList },
        tags: ['admin'],
        summary: 'Systems registered to use the FHIR API',
      },
      config: { access: { permission: 'systemclient.manage' } },
    },
    async (request) => clients.listSystemClients(db, signedInContext(request)),
  );

  app.post(
    '/api/admin/system-clients',
    {
      schema: { response: { 201: ZSystemClientCreated }, body: ZSystemClientCreate, tags: ['admin'] },
      config: { access: { permission: 'systemclient.manage' } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .header('Cache-Control', 'no-store')
        .send(await clients.registerSystemClient(db, signedInContext(request), request.body, tokenUrl)),
  );

  // The message back's webhook (issue 17 point 4): set by the admin, its secret shown once.
  const webhookPolicy = {
    allowLoopback: config.WEBHOOK_ALLOW_LOOPBACK,
    allowPrivateNetworks: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
  };
  app.put(
    '/api/admin/system-clients/:id/webhook',
    {
      schema: { response: { 200: ZWebhookSetAnswer }, params: ZClientIdParam, body: ZWebhookSet, tags: ['admin'] },
      config: { access: { permission: 'systemclient.manage' } },
    },
    async (request, reply) =>
      reply
        .header('Cache-Control', 'no-store')
        .send(await clients.setWebhook(db, signedInContext(request), request.params.id, request.body, webhookPolicy)),
  );

  app.delete(
    '/api/admin/system-clients/:id/webhook',
    {
      schema: { response: { 200: ZSystemClient }, params: ZIdParam, tags: ['admin'] },
      config: { access: { permission: 'systemclient.manage' } },
    },
    async (request) => clients.removeWebhook(db, signedInContext(request), request.params.id),
  );

  app.get(
    '/api/admin/system-clients/:id/deliveries',
    {
      schema: { response: { 200: ZGpMessageDeliveryList }, params: ZIdParam, tags: ['admin'] },
      config: { access: { permission: 'systemclient.manage' } },
    },
    async (request) => clients.listDeliveries(db, signedInContext(request), request.params.id),
  );

  app.post(
    '/api/admin/system-clients/:id/revoke',
    {
      schema: { response: { 200: ZSystemClient }, params: ZIdParam, tags: ['admin'] },
      config: { access: { permission: 'systemclient.manage' } },
    },
    async (request) => clients.revokeSystemClient(db, signedInContext(request), request.params.id),
  );

  // The token endpoint takes form-encoded bodies (RFC 6749 §4.4.2), here only: an encapsulated
  // context, so no other route starts accepting them.
  app.register(async (plugin) => {
    const oauth = plugin.withTypeProvider<ZodTypeProvider>();
    oauth.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      const form = new URLSearchParams(body as string);
      const fields: Record<string, string> = {};
      for (const key of new Set(form.keys())) {
        // RFC 6749 §3.2: a parameter sent twice is an error, answered below as invalid_request.
        if (form.getAll(key).length > 1) fields.__repeated = key;
        fields[key] = form.get(key) as string;
      }
      done(null, fields);
    });
    // Every refusal here is an OAuth error body (RFC 6749 §5.2), even one from before the handler:
    // a malformed body, or a control character the app-wide guard refused.
    oauth.setErrorHandler((error: FastifyError | AppError, _request, reply) => {
      const status = error instanceof AppError ? error.status : (error.statusCode ?? 500);
      if (status !== 400) throw error;
      const fields = error instanceof AppError ? (error.details.errors ?? []) : [];
      const description = fields.length
        ? fields.map((f) => `${f.field} ${f.message}`).join('; ')
        : error instanceof AppError
          ? error.userMessage
          : 'The request body could not be read.';
      reply.header('Cache-Control', 'no-store');
      return reply.status(400).send({ error: 'invalid_request', error_description: description, errors: fields });
    });
    oauth.post(
      '/oauth2/token',
      {
        schema: {
          body: ZTokenRequest,
          response: { 200: ZTokenAnswer, 400: ZOAuthError, 401: ZOAuthError },
          tags: ['system clients'],
          summary: 'OAuth 2.0 client credentials: private_key_jwt (preferred) or client secret',
        },
        attachValidation: true,
        config: {
          access: { public: true },
          rateLimit: { max: config.OAUTH_TOKEN_RATE_LIMIT, timeWindow: '1 minute' },
        },
      },
      async (request, reply) => {
        reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache');
        const raw = (request.body ?? {}) as Record<string, string>;
        try {
          if (raw.__repeated) throw new OAuthError('invalid_request', `${raw.__repeated} is given more than once.`);
          if (request.validationError) {
            const fields = request.validationError.validation.map((v: { instancePath: string; message?: string }) => ({
              field: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'body',
              message: v.message ?? 'is not valid',
            }));
            reply.status(400);
            return reply.send({
              error: 'invalid_request',
              error_description: fields
                .map((f: { field: string; message: string }) => `${f.field} ${f.message}`)
                .join('; '),
              errors: fields,
            } as never);
          }
          return await issueToken(db, requestContext(request), {
            body: request.body,
            authorization: request.headers.authorization,
            tokenUrl,
          });
        } catch (err) {
          if (!(err instanceof OAuthError)) throw err;
          if (err.status === 401 && err.basic) reply.header('WWW-Authenticate', 'Basic realm="waymark"');
          return reply.status(err.status as 400 | 401).send({ error: err.error, error_description: err.description });
        }
      },
    );
  });
}
