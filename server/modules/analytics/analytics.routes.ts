import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  type AnalyticsReport,
  ZAnalyticsOptions,
  ZAnalyticsQuery,
  ZAnalyticsReport,
} from '../../../common/analytics.js';
import { signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import { sendJsonText } from '../../platform/http/json-text.js';
import { analyticsOptions, analyticsReport, analyticsReportJson, sectionBuilds } from './analytics.service.js';
import { reportCsv, reportCsvFilename } from './disclosure/report-csv.js';

// Evidence for commissioners and team leads (issue 13).
//
// GET /api/analytics/options             what the viewer may filter by, default period, "as of"
// GET /api/analytics/:section?…          a section's figure tables (JSON)
// GET /api/analytics/:section.csv?…      the same under the small-number rule, as a CSV download
//
// Two routes rather than one that looks at a ".csv" suffix: each documents its own answer in
// /api/docs, and the router (find-my-way) reads ":section.csv" as a parameter and a literal.
// The section is a plain name, checked against the registry: one without a builder is 404.

const ZSectionParam = z.object({
  section: z
    .string()
    .max(40, 'must be a section name')
    .regex(/^[a-z]+$/, 'must be a section name, like demand'),
});

// Written as text by the handler; the schema describes the answer for the OpenAPI document.
const ZReportCsv = z.string().describe('The section as CSV: a header block (period, filters, note), then each table');

/** A download, never cached by the browser or a proxy (each one is audited). */
function sendCsv(reply: FastifyReply, report: AnalyticsReport) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${reportCsvFilename(report)}"`)
    .header('cache-control', 'no-store')
    .send(reportCsv(report));
}

/**
 * JSON text the service has already encoded with the route's response schema: sent as it is
 * (Fastify passes a string with a JSON content type through without serialising it again).
 */
export function analyticsRoutes(app: App, deps: AppDeps): void {
  const { db } = deps;
  const builds = sectionBuilds(deps.config.ANALYTICS_CONCURRENT_BUILDS);
  const config = { access: { permission: 'analytics.read' as const } };
  const tags = ['analytics'];

  app.get(
    '/api/analytics/options',
    { schema: { response: { 200: ZAnalyticsOptions }, tags }, config },
    async (request) => analyticsOptions(db, signedInContext(request)),
  );

  app.get(
    '/api/analytics/:section',
    {
      schema: { response: { 200: ZAnalyticsReport }, params: ZSectionParam, querystring: ZAnalyticsQuery, tags },
      config,
    },
    // Sent as the JSON text the service keeps (encoded by ZAnalyticsReport, as the serializer would).
    async (request, reply) =>
      sendJsonText(
        reply,
        await analyticsReportJson(db, signedInContext(request), request.params.section, request.query, builds),
      ),
  );

  app.get(
    '/api/analytics/:section.csv',
    {
      schema: {
        response: { 200: ZReportCsv },
        params: ZSectionParam,
        querystring: ZAnalyticsQuery,
        produces: ['text/csv'],
        tags,
      },
      config,
    },
    async (request, reply) => {
      const report = await analyticsReport(
        db,
        signedInContext(request),
        request.params.section,
        request.query,
        'csv',
        builds,
      );
      return sendCsv(reply, report);
    },
  );
}
