import {
  CreateOnwardReferralSchema,
  OnwardReferralListSchema,
  OnwardReferralViewSchema,
  OnwardServiceQuerySchema,
  OnwardServiceSearchSchema,
} from '../../../common/onward-referrals.js';
import { ZReferralIdParam } from '../../../common/schemas/ids.js';
import { signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import { sendProblem } from '../../platform/http/problem.js';
import { listOnwardReferralsOfCase } from './use-cases/case-list.js';
import { findServicesForCase } from './use-cases/find-services.js';
import { ConfirmCapacityError, referFromCase } from './use-cases/refer.js';

// From a case: signpost or refer a person to a community service; the case's onward referrals.
export function onwardReferralRoutes(app: App, { db, config }: AppDeps): void {
  app.get(
    '/api/referrals/:id/onward-referrals',
    {
      schema: { params: ZReferralIdParam, response: { 200: OnwardReferralListSchema }, tags: ['onward-referrals'] },
      config: { access: { permission: 'case.read' } },
    },
    async (request) => listOnwardReferralsOfCase(db, signedInContext(request), request.params.id),
  );

  app.get(
    '/api/referrals/:id/onward-referrals/services',
    {
      schema: {
        params: ZReferralIdParam,
        querystring: OnwardServiceQuerySchema,
        response: { 200: OnwardServiceSearchSchema },
        tags: ['onward-referrals'],
      },
      config: { access: { permission: 'case.read' } },
    },
    async (request) => findServicesForCase(db, signedInContext(request), request.params.id, request.query),
  );

  app.post(
    '/api/referrals/:id/onward-referrals',
    {
      schema: {
        params: ZReferralIdParam,
        body: CreateOnwardReferralSchema,
        response: { 201: OnwardReferralViewSchema },
        tags: ['onward-referrals'],
      },
      config: { access: { permission: 'case.write' } },
    },
    async (request, reply) => {
      try {
        const created = await referFromCase(db, config, signedInContext(request), request.params.id, request.body);
        return reply.code(201).send(created);
      } catch (err) {
        // A code of its own, so the page can ask "go ahead anyway?" rather than show an error.
        if (err instanceof ConfirmCapacityError) {
          return sendProblem(reply, 409, 'confirm_capacity', err.userMessage, err.details.errors);
        }
        throw err;
      }
    },
  );
}
