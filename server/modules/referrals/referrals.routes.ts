import { z } from 'zod';
import {
  ZIntakeConflict,
  ZPossibleMatches,
  ZPracticeReferralsPage,
  ZReferralCreated,
  ZReferralReasons,
  ZReferralStatusView,
  ZReferralView,
} from '../../../common/api-types.js';
import { signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import { listReferralReasons } from '../codes/codes.service.js';
import { parseIdempotencyKey } from './idempotency.js';
import {
  ZIdempotencyKey,
  ZPersonMatchQuery,
  ZPracticeReferralsQuery,
  ZReferralCreate,
  ZReferralIdParam,
} from './referrals.schemas.js';
import { getReferralStatus } from './referrals.service.js';
import { createReferral } from './use-cases/create-referral.js';
import { findPossibleDuplicates } from './use-cases/find-possible-duplicates.js';
import { getTeamReferral } from './use-cases/get-team-referral.js';
import { OpenReferralError, PossibleDuplicatesError } from './use-cases/intake-person.js';
import { listPracticeReferrals } from './use-cases/list-practice-referrals.js';

const ZIntakeHeaders = z.looseObject({
  'idempotency-key': ZIdempotencyKey.optional().describe(
    'A UUID made when the form opened: a replay returns the first answer; another body gets 422.',
  ),
});

export function referralsRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/referral-reasons',
    {
      schema: { response: { 200: ZReferralReasons }, tags: ['referrals'] },
      config: { access: { permission: 'referral.create' } },
    },
    async () => ({ reasons: await listReferralReasons(db) }),
  );

  app.post(
    '/api/people/matches',
    {
      schema: { response: { 200: ZPossibleMatches }, body: ZPersonMatchQuery, tags: ['referrals'] },
      config: { access: { permission: 'referral.create' } },
    },
    async (request) => findPossibleDuplicates(db, signedInContext(request), request.body),
  );

  // The body schema documents the API; the use-case validates the body as sent, so rules that need
  // data (reason codes, the practice, the matched person) are reported together with the rest.
  const rawBodies = new WeakMap<object, unknown>();
  app.post(
    '/api/referrals',
    {
      schema: {
        response: { 201: ZReferralCreated, 409: ZIntakeConflict },
        body: ZReferralCreate,
        headers: ZIntakeHeaders,
        tags: ['referrals'],
      },
      attachValidation: true,
      preValidation: async (request) => {
        rawBodies.set(request, request.body);
      },
      config: { access: { permission: 'referral.create' } },
    },
    async (request, reply) => {
      const ctx = signedInContext(request);
      const idempotencyKey = parseIdempotencyKey(request.headers['idempotency-key']);
      try {
        const answer = await createReferral(db, ctx, { body: rawBodies.get(request), idempotencyKey });
        if (answer.replayed) reply.header('Idempotent-Replayed', 'true');
        return reply.status(answer.status).send(answer.body);
      } catch (err) {
        if (err instanceof PossibleDuplicatesError) {
          return reply.status(409).type('application/problem+json').send({
            type: 'https://waymark.example/problems/possible_duplicates',
            title: 'Conflict',
            status: 409,
            detail: err.userMessage,
            code: 'possible_duplicates',
            matches: err.matches,
          });
        }
        if (err instanceof OpenReferralError) {
          return reply.status(409).type('application/problem+json').send({
            type: 'https://waymark.example/problems/open_referral',
            title: 'Conflict',
            status: 409,
            detail: err.userMessage,
            code: 'open_referral',
            errors: err.details.errors,
            openReferral: err.openReferral,
          });
        }
        throw err;
      }
    },
  );

  app.get(
    '/api/practice/referrals',
    {
      schema: { response: { 200: ZPracticeReferralsPage }, querystring: ZPracticeReferralsQuery, tags: ['referrals'] },
      config: { access: { permission: 'referral.read' } },
    },
    async (request) => listPracticeReferrals(db, signedInContext(request), request.query),
  );

  app.get(
    '/api/referrals/:id/status',
    {
      schema: { response: { 200: ZReferralStatusView }, params: ZReferralIdParam, tags: ['referrals'] },
      config: { access: { permission: 'referral.read' } },
    },
    async (request) => getReferralStatus(db, signedInContext(request), request.params.id),
  );

  app.get(
    '/api/referrals/:id',
    {
      schema: { response: { 200: ZReferralView }, params: ZReferralIdParam, tags: ['referrals'] },
      config: { access: { permission: 'referral.read' } },
    },
    async (request) => getTeamReferral(db, signedInContext(request), request.params.id),
  );
}
