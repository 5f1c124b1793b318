import { ZNoContent } from '../../../common/api-types.js';
import { zIdParam } from '../../../common/schemas/ids.js';
import {
  ZPlannerBaseline,
  ZPlannerQuery,
  ZPlannerResult,
  ZPlanRequest,
  ZRate,
  ZRateChange,
  ZRateList,
  ZScenario,
  ZScenarioCreate,
  ZScenarioList,
} from '../../../common/workforce-planner.js';
import { signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import * as planner from './workforce-planner.service.js';

// The workforce planner (issue 16, point 6): a team lead plans for their PCN, a commissioner for
// the ICB or one PCN of it ('workforce.plan'); the ICB's administrator keeps the pay, on-cost and
// ARRS figures ('workforce.rates').

const ZScenarioIdParam = zIdParam('must be a valid scenario id');

export function workforcePlannerRoutes(app: App, { db }: AppDeps): void {
  const plan = { access: { permission: 'workforce.plan' as const } };
  const tags = ['workforce planner'];

  app.get(
    '/api/workforce-planner/baseline',
    { schema: { response: { 200: ZPlannerBaseline }, querystring: ZPlannerQuery, tags }, config: plan },
    async (request) => planner.plannerBaseline(db, signedInContext(request), request.query.pcnId),
  );

  // Works a plan out and keeps nothing: a POST because the inputs are a document, not a query.
  app.post(
    '/api/workforce-planner/calculate',
    { schema: { response: { 200: ZPlannerResult }, body: ZPlanRequest, tags }, config: plan },
    async (request) => planner.calculatePlan(db, signedInContext(request), request.body),
  );

  app.get(
    '/api/workforce-planner/scenarios',
    { schema: { response: { 200: ZScenarioList }, tags }, config: plan },
    async (request) => planner.listScenarios(db, signedInContext(request)),
  );

  app.post(
    '/api/workforce-planner/scenarios',
    { schema: { response: { 201: ZScenario }, body: ZScenarioCreate, tags }, config: plan },
    async (request, reply) =>
      reply.status(201).send(await planner.saveScenario(db, signedInContext(request), request.body)),
  );

  app.get(
    '/api/workforce-planner/scenarios/:id',
    { schema: { response: { 200: ZScenario }, params: ZScenarioIdParam, tags }, config: plan },
    async (request) => planner.getScenario(db, signedInContext(request), request.params.id),
  );

  app.delete(
    '/api/workforce-planner/scenarios/:id',
    { schema: { response: { 204: ZNoContent }, params: ZScenarioIdParam, tags }, config: plan },
    async (request, reply) => {
      await planner.deleteScenario(db, signedInContext(request), request.params.id);
      return reply.status(204).send();
    },
  );

  const rates = { access: { permission: 'workforce.rates' as const } };
  app.get(
    '/api/workforce-planner/rates',
    { schema: { response: { 200: ZRateList }, tags }, config: rates },
    async (request) => planner.listRates(db, signedInContext(request)),
  );

  app.put(
    '/api/workforce-planner/rates',
    { schema: { response: { 200: ZRate }, body: ZRateChange, tags }, config: rates },
    async (request) => planner.changeRate(db, signedInContext(request), request.body),
  );
}
