import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { type ImpactReport, ZImpactQuery, ZImpactReport } from '../../../../common/impact.js';
import { zIdParam } from '../../../../common/schemas/ids.js';
import { signedInContext } from '../../../platform/http/access.js';
import type { App, AppDeps } from '../../../platform/http/deps.js';
import * as impact from './impact.service.js';
import { impactCsv, impactCsvFilename } from './impact-csv.js';

// Evidence of value per organisation and service: the partner's own, and any in the ICB for staff.
//
// GET /api/partner/impact?from=&to=                       a VCS partner's own organisation
// GET /api/directory/organisations/:id/impact?from=&to=   a directory organisation of the ICB
// …/impact.csv: the same report as a CSV download (formula injection neutralised).

const ZOrganisationIdParam = zIdParam('must be a valid organisation id');

// Written as text by the handler; the schema describes the answer for the OpenAPI document.
const ZImpactCsv = z.string().describe('The impact report as CSV: section, name, month, figure, value');

/** The report as a CSV attachment, never cached (each download is audited). */
function sendCsv(reply: FastifyReply, report: ImpactReport) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${impactCsvFilename(report)}"`)
    .header('cache-control', 'no-store')
    .send(impactCsv(report));
}

export function impactRoutes(app: App, { db }: AppDeps): void {
  const partner = { access: { permission: 'partner.impact' as const } };
  const staff = { access: { permission: 'impact.read' as const } };

  app.get(
    '/api/partner/impact',
    { schema: { response: { 200: ZImpactReport }, querystring: ZImpactQuery, tags: ['impact'] }, config: partner },
    async (request) => impact.partnerImpact(db, signedInContext(request), request.query),
  );

  app.get(
    '/api/partner/impact.csv',
    {
      schema: { response: { 200: ZImpactCsv }, querystring: ZImpactQuery, produces: ['text/csv'], tags: ['impact'] },
      config: partner,
    },
    async (request, reply) => {
      const report = await impact.partnerImpact(db, signedInContext(request), request.query, 'csv');
      return sendCsv(reply, report);
    },
  );

  app.get(
    '/api/directory/organisations/:id/impact',
    {
      schema: {
        response: { 200: ZImpactReport },
        params: ZOrganisationIdParam,
        querystring: ZImpactQuery,
        tags: ['impact'],
      },
      config: staff,
    },
    async (request) => impact.organisationImpact(db, signedInContext(request), request.params.id, request.query),
  );

  app.get(
    '/api/directory/organisations/:id/impact.csv',
    {
      schema: {
        response: { 200: ZImpactCsv },
        params: ZOrganisationIdParam,
        querystring: ZImpactQuery,
        produces: ['text/csv'],
        tags: ['impact'],
      },
      config: staff,
    },
    async (request, reply) => {
      const report = await impact.organisationImpact(
        db,
        signedInContext(request),
        request.params.id,
        request.query,
        'csv',
      );
      return sendCsv(reply, report);
    },
  );
}
