import { ZCarePlanComparison, ZCarePlanVersions, ZCarePlanView } from '../../../common/care-plan.js';
import { signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import { ZCarePlanSave, ZCompareQuery, ZIfMatch, ZPersonIdParam } from './care-plans.schemas.js';
import * as carePlans from './care-plans.service.js';

export function carePlansRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/people/:personId/care-plan',
    {
      schema: { response: { 200: ZCarePlanView }, params: ZPersonIdParam, tags: ['care plans'] },
      config: { access: { permission: 'careplan.read' } },
    },
    async (request) => carePlans.getCarePlan(db, signedInContext(request), request.params.personId),
  );

  app.put(
    '/api/people/:personId/care-plan',
    {
      schema: {
        response: { 200: ZCarePlanView },
        params: ZPersonIdParam,
        headers: ZIfMatch,
        body: ZCarePlanSave,
        tags: ['care plans'],
      },
      config: { access: { permission: 'careplan.write' } },
    },
    async (request) =>
      carePlans.saveCarePlan(
        db,
        signedInContext(request),
        request.params.personId,
        request.body,
        carePlans.versionFromIfMatch(request.headers['if-match']),
      ),
  );

  app.get(
    '/api/people/:personId/care-plan/versions',
    {
      schema: { response: { 200: ZCarePlanVersions }, params: ZPersonIdParam, tags: ['care plans'] },
      config: { access: { permission: 'careplan.read' } },
    },
    async (request) => carePlans.listCarePlanVersions(db, signedInContext(request), request.params.personId),
  );

  app.get(
    '/api/people/:personId/care-plan/versions/compare',
    {
      schema: {
        response: { 200: ZCarePlanComparison },
        params: ZPersonIdParam,
        querystring: ZCompareQuery,
        tags: ['care plans'],
      },
      config: { access: { permission: 'careplan.read' } },
    },
    async (request) =>
      carePlans.compareCarePlanVersions(
        db,
        signedInContext(request),
        request.params.personId,
        request.query.from,
        request.query.to,
      ),
  );
}
