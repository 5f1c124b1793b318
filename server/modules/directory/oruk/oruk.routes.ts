import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../../../platform/http/deps.js';
import { sendJsonText } from '../../../platform/http/json-text.js';
import { publicAnswer } from '../public-answers.js';
import {
  ZOrukIdParam,
  ZOrukPageQuery,
  ZOrukServiceAtLocationsQuery,
  ZOrukServicesQuery,
  ZOrukTaxonomyTermsQuery,
} from './oruk.schemas.js';
import * as oruk from './oruk.service.js';
import {
  orukPage,
  ZOrukApiDetails,
  ZOrukService,
  ZOrukServiceAtLocation,
  ZOrukServiceAtLocationSummary,
  ZOrukServiceSummary,
  ZOrukTaxonomy,
  ZOrukTerm,
} from './oruk-documents.schemas.js';

// Routes of the Directory of Services: the public Open Referral UK API under /oruk.
// Open to anyone without a key (the standard's "openness" rule), read-only, cacheable by ETag,
// and rate limited per client address so one consumer cannot starve the rest.

/** Requests per minute per client address (in-memory per instance). */
export const ORUK_RATE_LIMIT_PER_MINUTE = 120;
export const ORUK_CACHE_CONTROL = 'public, max-age=300';

/** Weak comparison (RFC 9110 §13.1.2): W/"x" matches "x"; "*" matches anything. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => {
    const c = candidate.trim();
    return c === '*' || c.replace(/^W\//, '') === bare;
  });
}

/**
 * Every 200 answer carries a strong ETag of its exact bytes (after the response schema has had
 * its say); a client that already holds those bytes gets 304 and no body. Every response may be
 * read from any origin (the standard asks for `Access-Control-Allow-Origin: *`; nothing here
 * depends on cookies).
 */
async function cacheableByEtag(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (reply.statusCode !== 200 || typeof payload !== 'string') return payload;
  const etag = `"${createHash('sha256').update(payload).digest('base64url').slice(0, 32)}"`;
  reply
    .header('ETag', etag)
    .header('Cache-Control', ORUK_CACHE_CONTROL)
    .header('Access-Control-Allow-Origin', '*')
    .header('Cross-Origin-Resource-Policy', 'cross-origin');
  if (!matchesEtag(request.headers['if-none-match'], etag)) return payload;
  reply.code(304).removeHeader('content-type');
  return null;
}

export function orukRoutes(app: App, { db }: AppDeps): void {
  const config = {
    access: { public: true as const },
    rateLimit: { max: ORUK_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' },
  };
  const tags = ['open referral uk'];
  const onSend = cacheableByEtag;
  const byId = { params: ZOrukIdParam, tags };

  // The root, with and without its slash: consumers are given the base URL either way.
  for (const url of ['/oruk/', '/oruk']) {
    app.get(url, { schema: { response: { 200: ZOrukApiDetails }, tags }, config, onSend }, async () =>
      oruk.apiDetails(),
    );
  }

  app.get(
    '/oruk/services',
    {
      schema: { querystring: ZOrukServicesQuery, response: { 200: orukPage(ZOrukServiceSummary) }, tags },
      config,
      onSend,
    },
    // Kept in process until the directory changes (public-answers.ts): the busiest ORUK reads.
    async (request, reply) =>
      sendJsonText(
        reply,
        await publicAnswer(db, 'oruk.services', request.query, orukPage(ZOrukServiceSummary), () =>
          oruk.listServices(db, request.query),
        ),
      ),
  );

  app.get(
    '/oruk/services/:id',
    { schema: { ...byId, response: { 200: ZOrukService } }, config, onSend },
    async (request, reply) =>
      sendJsonText(
        reply,
        await publicAnswer(db, 'oruk.service', request.params.id, ZOrukService, () =>
          oruk.getService(db, request.params.id),
        ),
      ),
  );

  app.get(
    '/oruk/service_at_locations',
    {
      schema: {
        querystring: ZOrukServiceAtLocationsQuery,
        response: { 200: orukPage(ZOrukServiceAtLocationSummary) },
        tags,
      },
      config,
      onSend,
    },
    async (request) => oruk.listServiceAtLocations(db, request.query),
  );

  app.get(
    '/oruk/service_at_locations/:id',
    { schema: { ...byId, response: { 200: ZOrukServiceAtLocation } }, config, onSend },
    async (request) => oruk.getServiceAtLocation(db, request.params.id),
  );

  app.get(
    '/oruk/taxonomies',
    { schema: { querystring: ZOrukPageQuery, response: { 200: orukPage(ZOrukTaxonomy) }, tags }, config, onSend },
    async (request) => oruk.listTaxonomies(db, request.query),
  );

  app.get(
    '/oruk/taxonomies/:id',
    { schema: { ...byId, response: { 200: ZOrukTaxonomy } }, config, onSend },
    async (request) => oruk.getTaxonomy(db, request.params.id),
  );

  app.get(
    '/oruk/taxonomy_terms',
    {
      schema: { querystring: ZOrukTaxonomyTermsQuery, response: { 200: orukPage(ZOrukTerm) }, tags },
      config,
      onSend,
    },
    async (request) => oruk.listTaxonomyTerms(db, request.query),
  );

  app.get(
    '/oruk/taxonomy_terms/:id',
    { schema: { ...byId, response: { 200: ZOrukTerm } }, config, onSend },
    async (request) => oruk.getTaxonomyTerm(db, request.params.id),
  );
}
