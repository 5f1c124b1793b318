import { ZOutcomeMeasuresView, ZOutcomeRecording } from '../../../common/outcome-measures.js';
import { signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import { ZRecordOutcomeMeasure, ZReferralIdParam } from './outcomes.schemas.js';
import * as outcomes from './outcomes.service.js';

export function outcomesRoutes(app: App, { db }: AppDeps): void {
  app.post(
    '/api/referrals/:id/measures',
    {
      schema: {
        response: { 201: ZOutcomeRecording },
        params: ZReferralIdParam,
        body: ZRecordOutcomeMeasure,
        tags: ['outcomes'],
      },
      config: { access: { permission: 'outcome.record' } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await outcomes.recordOutcomeMeasure(db, signedInContext(request), request.params.id, request.body)),
  );

  app.get(
    '/api/referrals/:id/measures',
    {
      schema: { response: { 200: ZOutcomeMeasuresView }, params: ZReferralIdParam, tags: ['outcomes'] },
      config: { access: { permission: 'outcome.read' } },
    },
    async (request) => outcomes.listOutcomeMeasures(db, signedInContext(request), request.params.id),
  );
}
