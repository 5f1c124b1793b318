import {
  ZChangeReview,
  ZPartnerListings,
  ZPartnerListingView,
  ZProposeChangeResult,
  ZReportRef,
  ZReviewActionResult,
  ZReviewListingView,
  ZReviewQueue,
} from '../../../../common/directory-maintenance.js';
import { signedInContext } from '../../../platform/http/access.js';
import type { App, AppDeps } from '../../../platform/http/deps.js';
import {
  ZChangeIdParam,
  ZProposeChangeBody,
  ZReasonBody,
  ZReportParams,
  ZReviewEditBody,
  ZServiceIdParam,
} from './maintenance.schemas.js';
import * as maintenance from './maintenance.service.js';

// Routes of the Directory of Services: keeping the directory up to date: review queue, moderation, partner proposals.
export function directoryMaintenanceRoutes(app: App, { db }: AppDeps): void {
  const review = { access: { permission: 'directory.review' as const } };
  const propose = { access: { permission: 'directory.propose' as const } };
  const tags = ['directory maintenance'];

  app.get(
    '/api/directory/review-queue',
    { schema: { response: { 200: ZReviewQueue }, tags }, config: review },
    async (request) => maintenance.getReviewQueue(db, signedInContext(request)),
  );

  app.get(
    '/api/directory/review/services/:serviceId',
    { schema: { response: { 200: ZReviewListingView }, params: ZServiceIdParam, tags }, config: review },
    async (request) => maintenance.getListingForReview(db, signedInContext(request), request.params.serviceId),
  );

  app.post(
    '/api/directory/review/services/:serviceId/confirm',
    { schema: { response: { 200: ZReviewActionResult }, params: ZServiceIdParam, tags }, config: review },
    async (request) => maintenance.confirmUnchanged(db, signedInContext(request), request.params.serviceId),
  );

  app.put(
    '/api/directory/review/services/:serviceId',
    {
      schema: { response: { 200: ZReviewActionResult }, params: ZServiceIdParam, body: ZReviewEditBody, tags },
      config: review,
    },
    async (request) => maintenance.editListing(db, signedInContext(request), request.params.serviceId, request.body),
  );

  app.post(
    '/api/directory/review/services/:serviceId/retire',
    {
      schema: { response: { 200: ZReviewActionResult }, params: ZServiceIdParam, body: ZReasonBody, tags },
      config: review,
    },
    async (request) => maintenance.retireListing(db, signedInContext(request), request.params.serviceId, request.body),
  );

  app.post(
    '/api/directory/review/services/:serviceId/reports/:reportId/dismiss',
    { schema: { response: { 200: ZReportRef }, params: ZReportParams, body: ZReasonBody, tags }, config: review },
    async (request) =>
      maintenance.dismissReport(
        db,
        signedInContext(request),
        request.params.serviceId,
        request.params.reportId,
        request.body,
      ),
  );

  app.get(
    '/api/directory/changes/:changeId',
    { schema: { response: { 200: ZChangeReview }, params: ZChangeIdParam, tags }, config: review },
    async (request) => maintenance.getChange(db, signedInContext(request), request.params.changeId),
  );

  app.post(
    '/api/directory/changes/:changeId/approve',
    { schema: { response: { 200: ZChangeReview }, params: ZChangeIdParam, tags }, config: review },
    async (request) => maintenance.approveChange(db, signedInContext(request), request.params.changeId),
  );

  app.post(
    '/api/directory/changes/:changeId/reject',
    { schema: { response: { 200: ZChangeReview }, params: ZChangeIdParam, body: ZReasonBody, tags }, config: review },
    async (request) => maintenance.rejectChange(db, signedInContext(request), request.params.changeId, request.body),
  );

  app.get(
    '/api/directory/our-listings',
    { schema: { response: { 200: ZPartnerListings }, tags }, config: propose },
    async (request) => maintenance.listOurListings(db, signedInContext(request)),
  );

  app.get(
    '/api/directory/our-listings/:serviceId',
    { schema: { response: { 200: ZPartnerListingView }, params: ZServiceIdParam, tags }, config: propose },
    async (request) => maintenance.getOurListing(db, signedInContext(request), request.params.serviceId),
  );

  app.post(
    '/api/directory/our-listings/:serviceId/changes',
    {
      schema: { response: { 201: ZProposeChangeResult }, params: ZServiceIdParam, body: ZProposeChangeBody, tags },
      config: propose,
    },
    async (request, reply) => {
      const result = await maintenance.proposeChange(
        db,
        signedInContext(request),
        request.params.serviceId,
        request.body,
      );
      return reply.status(201).send(result);
    },
  );
}
