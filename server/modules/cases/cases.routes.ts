import { z } from 'zod';
import { ZEqualityView } from '../../../common/api-types.js';
import {
  ZCaseRecord,
  ZGpMessage,
  ZPersonDetailsReviewed,
  ZPlannedContact,
  ZTimelineItem,
} from '../../../common/cases.js';
import { signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import {
  ZContactCreate,
  ZDischarge,
  ZEqualityAnswersUpdate,
  ZNoteCreate,
  ZPersonDetailsReview,
  ZPlannedContactCreate,
  ZPlannedContactParams,
  ZReassign,
  ZReferralIdParam,
} from './cases.schemas.js';
import * as cases from './cases.service.js';
import { updateEqualityAnswersOfCase } from './use-cases/update-equality-answers.js';

export function casesRoutes(app: App, { db, config }: AppDeps): void {
  // Where a video appointment's link points (PUBLIC_URL, never the request's Host).
  const links = { publicUrl: config.publicUrl };
  app.get(
    '/api/referrals/:id/case',
    {
      schema: { response: { 200: ZCaseRecord }, params: ZReferralIdParam, tags: ['cases'] },
      config: { access: { permission: 'case.read' } },
    },
    async (request) => cases.getCaseRecord(db, signedInContext(request), request.params.id),
  );

  app.post(
    '/api/referrals/:id/contacts',
    {
      schema: { response: { 201: ZTimelineItem }, params: ZReferralIdParam, body: ZContactCreate, tags: ['cases'] },
      config: { access: { permission: 'case.write' } },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await cases.recordContact(db, signedInContext(request), request.params.id, request.body, links)),
  );

  app.post(
    '/api/referrals/:id/planned-contacts',
    {
      schema: {
        response: { 201: ZPlannedContact },
        params: ZReferralIdParam,
        body: ZPlannedContactCreate,
        tags: ['cases'],
      },
      config: { access: { permission: 'case.write' } },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await cases.planContact(db, signedInContext(request), request.params.id, request.body, links)),
  );

  app.post(
    '/api/referrals/:id/planned-contacts/:plannedId/cancel',
    {
      schema: { response: { 200: ZPlannedContact }, params: ZPlannedContactParams, tags: ['cases'] },
      config: { access: { permission: 'case.write' } },
    },
    async (request) =>
      cases.cancelPlannedContact(db, signedInContext(request), request.params.id, request.params.plannedId),
  );

  app.post(
    '/api/referrals/:id/notes',
    {
      schema: { response: { 201: ZTimelineItem }, params: ZReferralIdParam, body: ZNoteCreate, tags: ['cases'] },
      config: { access: { permission: 'case.write' } },
    },
    async (request, reply) =>
      reply.code(201).send(await cases.addCaseNote(db, signedInContext(request), request.params.id, request.body)),
  );

  app.post(
    '/api/referrals/:id/discharge',
    {
      schema: { response: { 200: ZGpMessage }, params: ZReferralIdParam, body: ZDischarge, tags: ['cases'] },
      config: { access: { permission: 'case.write' } },
    },
    async (request) => cases.dischargeCase(db, signedInContext(request), request.params.id, request.body),
  );

  app.post(
    '/api/referrals/:id/person-details',
    {
      schema: {
        response: { 200: ZPersonDetailsReviewed },
        params: ZReferralIdParam,
        body: ZPersonDetailsReview,
        tags: ['cases'],
        summary: "Accept (or keep back) the new person details a referral brought into the person's record",
      },
      config: { access: { permission: 'case.write' } },
    },
    async (request) => cases.reviewPersonDetails(db, signedInContext(request), request.params.id, request.body),
  );

  app.put(
    '/api/referrals/:id/person/equality',
    {
      schema: {
        response: { 200: ZEqualityView.extend({ version: z.number() }) },
        params: ZReferralIdParam,
        body: ZEqualityAnswersUpdate,
        tags: ['cases'],
        summary: "Record the person's equality answers (sex, gender identity, ethnicity) on their record",
      },
      config: { access: { permission: 'case.write' } },
    },
    async (request) => updateEqualityAnswersOfCase(db, signedInContext(request), request.params.id, request.body),
  );

  app.post(
    '/api/referrals/:id/reassign',
    {
      schema: { response: { 200: ZCaseRecord }, params: ZReferralIdParam, body: ZReassign, tags: ['cases'] },
      config: { access: { permission: 'referral.allocate' } },
    },
    async (request) => cases.reassignCase(db, signedInContext(request), request.params.id, request.body),
  );

  app.get(
    '/api/referrals/:id/gp-message',
    {
      schema: { response: { 200: ZGpMessage }, params: ZReferralIdParam, tags: ['cases'] },
      config: { access: { permission: 'gpmessage.read' } },
    },
    async (request) => cases.getGpMessage(db, signedInContext(request), request.params.id),
  );
}
