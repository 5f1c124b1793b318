import type { FastifyReply } from 'fastify';
import { ZReportRef } from '../../../../common/directory-maintenance.js';
import { AppError } from '../../../platform/errors.js';
import { requestContext, signedInContext } from '../../../platform/http/access.js';
import type { App, AppDeps } from '../../../platform/http/deps.js';
import { sendJsonText } from '../../../platform/http/json-text.js';
import { publicAnswer } from '../public-answers.js';
import { getPublicListing, getStaffListing, listCategories, reportOutOfDate } from './listing-pages.js';
import { ZDirectorySearchPage, ZPublicCategories, ZPublicListing, ZStaffListing } from './public.schemas.js';
import { ZDirectoryReport, ZDirectorySearchQuery, ZServiceIdParam } from './search.schemas.js';
import { searchServices } from './search.service.js';

// Routes of the Directory of Services: directory search and listing pages' API (public and staff), out-of-date reports.

/** Public directory reads may be cached briefly by browsers and proxies: they hold nothing personal. */
const cachePublicly = (reply: FastifyReply) => reply.header('Cache-Control', 'public, max-age=60');

/** A member of the public may report at most this many listings an hour from one address. */
export const REPORTS_PER_HOUR = 10;

export function directorySearchRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/public/directory/services',
    {
      schema: {
        querystring: ZDirectorySearchQuery,
        response: { 200: ZDirectorySearchPage },
        tags: ['directory'],
      },
      config: { access: { public: true } },
    },
    async (request, reply) => {
      const answer = await publicAnswer(db, 'search', request.query, ZDirectorySearchPage, () =>
        searchServices(db, request.query, 'public'),
      );
      cachePublicly(reply);
      return sendJsonText(reply, answer);
    },
  );

  app.get(
    '/api/public/directory/services/:id',
    {
      schema: { params: ZServiceIdParam, response: { 200: ZPublicListing }, tags: ['directory'] },
      config: { access: { public: true } },
    },
    async (request, reply) => {
      const listing = await publicAnswer(db, 'listing', request.params.id, ZPublicListing, () =>
        getPublicListing(db, request.params.id),
      );
      cachePublicly(reply);
      return sendJsonText(reply, listing);
    },
  );

  app.get(
    '/api/public/directory/categories',
    { schema: { response: { 200: ZPublicCategories }, tags: ['directory'] }, config: { access: { public: true } } },
    async (_request, reply) => {
      const categories = await publicAnswer(db, 'categories', null, ZPublicCategories, () => listCategories(db));
      cachePublicly(reply);
      return sendJsonText(reply, categories);
    },
  );

  app.post(
    '/api/public/directory/services/:id/reports',
    {
      schema: { response: { 201: ZReportRef }, params: ZServiceIdParam, body: ZDirectoryReport, tags: ['directory'] },
      config: { access: { public: true }, rateLimit: { max: REPORTS_PER_HOUR, timeWindow: '1 hour' } },
    },
    async (request, reply) =>
      reply.code(201).send(await reportOutOfDate(db, requestContext(request), request.params.id, request.body)),
  );

  app.get(
    '/api/directory/services',
    {
      schema: { querystring: ZDirectorySearchQuery, response: { 200: ZDirectorySearchPage }, tags: ['directory'] },
      config: { access: { permission: 'directory.read' } },
    },
    async (request) => {
      // Staff search their own ICB's directory (fail closed: no principal, no ICB, no results).
      const icbId = request.principal?.scope.icbId;
      if (!icbId) throw new AppError('unauthenticated', { userMessage: 'You need to sign in.' });
      return searchServices(db, request.query, 'staff', { icbId });
    },
  );

  app.get(
    '/api/directory/services/:id',
    {
      schema: { params: ZServiceIdParam, response: { 200: ZStaffListing }, tags: ['directory'] },
      config: { access: { permission: 'directory.read' } },
    },
    async (request) => getStaffListing(db, signedInContext(request), request.params.id),
  );
}
