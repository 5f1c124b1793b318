import { ZReferralView } from '../../../common/api-types.js';
import {
  ZAllocateAllResult,
  ZAllocationSuggestion,
  ZCaseload,
  ZCoverEnded,
  ZHandoverPlan,
  ZHandoverResult,
  ZTeamCaseloads,
  ZTeamWorkload,
} from '../../../common/front-door-types.js';
import { signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import {
  ZAllocate,
  ZAllocateAll,
  ZCaseloadQuery,
  ZCover,
  ZFirstContact,
  ZMemberIdParam,
  ZReferralIdParam,
} from './allocation.schemas.js';
import * as allocation from './allocation.service.js';

export function allocationRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/referrals/:id/allocation-suggestion',
    {
      schema: { response: { 200: ZAllocationSuggestion }, params: ZReferralIdParam, tags: ['allocation'] },
      config: { access: { permission: 'referral.allocate' } },
    },
    async (request) => allocation.getAllocationSuggestion(db, signedInContext(request), request.params.id),
  );

  app.post(
    '/api/referrals/:id/allocate',
    {
      schema: { response: { 200: ZReferralView }, params: ZReferralIdParam, body: ZAllocate, tags: ['allocation'] },
      config: { access: { permission: 'referral.allocate' } },
    },
    async (request) => allocation.allocateReferral(db, signedInContext(request), request.params.id, request.body),
  );

  app.post(
    '/api/triage/allocate-all',
    {
      schema: { response: { 200: ZAllocateAllResult }, body: ZAllocateAll, tags: ['allocation'] },
      config: { access: { permission: 'referral.allocate' } },
    },
    async (request) => allocation.allocateAll(db, signedInContext(request), request.body),
  );

  app.get(
    '/api/caseload',
    {
      schema: {
        response: { 200: ZCaseload },
        querystring: ZCaseloadQuery,
        tags: ['caseload'],
        summary: 'Your open cases and those you cover: search, show, page',
      },
      config: { access: { permission: 'caseload.read' } },
    },
    async (request) => allocation.listCaseload(db, signedInContext(request), request.query),
  );

  app.post(
    '/api/referrals/:id/first-contact',
    {
      schema: { response: { 200: ZReferralView }, params: ZReferralIdParam, body: ZFirstContact, tags: ['caseload'] },
      config: { access: { permission: 'referral.contact' } },
    },
    async (request) => allocation.recordFirstContact(db, signedInContext(request), request.params.id, request.body),
  );

  app.get(
    '/api/team/workload',
    { schema: { response: { 200: ZTeamWorkload }, tags: ['team'] }, config: { access: { permission: 'team.read' } } },
    async (request) => allocation.teamWorkload(db, signedInContext(request)),
  );

  // Names the people in every caseload: the lead's permission, not team.read.
  app.get(
    '/api/team/caseloads',
    {
      schema: { response: { 200: ZTeamCaseloads }, tags: ['team'] },
      config: { access: { permission: 'referral.allocate' } },
    },
    async (request) => allocation.teamCaseloads(db, signedInContext(request)),
  );

  // Names the people in the worker's cases: the lead's leave permission, like handing them over.
  app.get(
    '/api/team/members/:id/handover',
    {
      schema: { response: { 200: ZHandoverPlan }, params: ZMemberIdParam, tags: ['team'] },
      config: { access: { permission: 'leave.manage' } },
    },
    async (request) => allocation.handoverPlan(db, signedInContext(request), request.params.id),
  );

  app.post(
    '/api/team/members/:id/cover',
    {
      schema: { response: { 200: ZHandoverResult }, params: ZMemberIdParam, body: ZCover, tags: ['team'] },
      config: { access: { permission: 'leave.manage' } },
    },
    async (request) => allocation.startCover(db, signedInContext(request), request.params.id, request.body),
  );

  app.post(
    '/api/team/members/:id/cover/end',
    {
      schema: { response: { 200: ZCoverEnded }, params: ZMemberIdParam, tags: ['team'] },
      config: { access: { permission: 'leave.manage' } },
    },
    async (request) => allocation.endCover(db, signedInContext(request), request.params.id),
  );
}
