import { z } from 'zod';
import { ZReferralView } from '../../../common/api-types.js';
import { ZTriageQueue, ZTriageSettings as ZTriageSettingsView } from '../../../common/front-door-types.js';
import { signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import {
  ZClosure,
  ZQueueQuery,
  ZReferralIdParam,
  ZTriageDecision,
  ZTriageSettings,
  ZVersion,
} from './triage.schemas.js';
import * as triage from './triage.service.js';
import { markSpam } from './use-cases/mark-spam.js';

export function triageRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/triage/queue',
    {
      schema: { response: { 200: ZTriageQueue }, querystring: ZQueueQuery, tags: ['triage'] },
      config: { access: { permission: 'referral.triage' } },
    },
    async (request) => triage.listTriageQueue(db, signedInContext(request), request.query),
  );

  app.post(
    '/api/referrals/:id/triage',
    {
      schema: { response: { 200: ZReferralView }, params: ZReferralIdParam, body: ZTriageDecision, tags: ['triage'] },
      config: { access: { permission: 'referral.triage' } },
    },
    async (request) => triage.triageReferral(db, signedInContext(request), request.params.id, request.body),
  );

  app.post(
    '/api/referrals/:id/decline',
    {
      schema: { response: { 200: ZReferralView }, params: ZReferralIdParam, body: ZClosure, tags: ['triage'] },
      config: { access: { permission: 'referral.triage' } },
    },
    async (request) => triage.closeReferral(db, signedInContext(request), request.params.id, 'declined', request.body),
  );

  app.post(
    '/api/referrals/:id/spam',
    {
      schema: {
        summary: 'Mark a self-referral as spam: out of the queue and the figures, kept for audit',
        response: { 200: ZReferralView },
        params: ZReferralIdParam,
        body: z.object({ version: ZVersion }),
        tags: ['triage'],
      },
      config: { access: { permission: 'referral.triage' } },
    },
    async (request) => markSpam(db, signedInContext(request), request.params.id, request.body),
  );

  app.post(
    '/api/referrals/:id/redirect',
    {
      schema: { response: { 200: ZReferralView }, params: ZReferralIdParam, body: ZClosure, tags: ['triage'] },
      config: { access: { permission: 'referral.triage' } },
    },
    async (request) =>
      triage.closeReferral(db, signedInContext(request), request.params.id, 'redirected', request.body),
  );

  app.get(
    '/api/pcn/triage-settings',
    {
      schema: { response: { 200: ZTriageSettingsView }, tags: ['triage'] },
      config: { access: { permission: 'referral.triage' } },
    },
    async (request) => triage.getTriageSettings(db, signedInContext(request)),
  );

  app.put(
    '/api/pcn/triage-settings',
    {
      schema: { response: { 200: ZTriageSettingsView }, body: ZTriageSettings, tags: ['triage'] },
      config: { access: { permission: 'referral.triage' } },
    },
    async (request) => triage.saveTriageSettings(db, signedInContext(request), request.body),
  );
}
