import type { Permission } from '../../../../common/permissions.js';
import {
  ZListingProposalReview,
  ZOurEvents,
  ZOurProposals,
  ZProposeListingResult,
  ZServiceEvent,
  ZServiceEventCancel,
  ZServiceEventEdit,
  ZServiceEventInput,
  ZServiceEvents,
} from '../../../../common/showcase.js';
import { signedInContext } from '../../../platform/http/access.js';
import type { App, AppDeps } from '../../../platform/http/deps.js';
import { ZReasonBody, ZServiceIdParam } from '../maintenance/maintenance.schemas.js';
import { ZEventIdParam, ZProposalIdParam, ZProposeListingBody } from './showcase.schemas.js';
import {
  addEvent,
  cancelEvent,
  type EventEditor,
  editEvent,
  listOurEvents,
  listServiceEvents,
} from './use-cases/events.js';
import {
  approveProposal,
  getProposal,
  listOurProposals,
  proposeListing,
  rejectProposal,
} from './use-cases/proposals.js';

// A partner's upcoming sessions and events of its services, and proposals of brand-new listings.
// A route declares one permission, so the partner's routes (directory.propose, its own
// organisation's services) and the staff's (directory.review, the ICB's) are two sets over the
// same use-cases.
export function showcaseRoutes(app: App, { db }: AppDeps): void {
  const propose = { access: { permission: 'directory.propose' as const } };
  const review = { access: { permission: 'directory.review' as const } };
  const tags = ['directory showcase'];

  app.get(
    '/api/directory/our-events',
    { schema: { response: { 200: ZOurEvents }, tags }, config: propose },
    async (request) => listOurEvents(db, signedInContext(request)),
  );

  app.get(
    '/api/directory/review/services/:serviceId/events',
    { schema: { response: { 200: ZServiceEvents }, params: ZServiceIdParam, tags }, config: review },
    async (request) => listServiceEvents(db, signedInContext(request), request.params.serviceId),
  );

  const editors: [EventEditor, { access: { permission: Permission } }, string, string][] = [
    ['partner', propose, '/api/directory/our-listings/:serviceId', '/api/directory/our-events/:eventId'],
    ['staff', review, '/api/directory/review/services/:serviceId', '/api/directory/review/events/:eventId'],
  ];
  for (const [editor, config, serviceBase, eventBase] of editors) {
    app.post(
      `${serviceBase}/events`,
      {
        schema: { response: { 201: ZServiceEvent }, params: ZServiceIdParam, body: ZServiceEventInput, tags },
        config,
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await addEvent(db, signedInContext(request), editor, request.params.serviceId, request.body)),
    );

    app.put(
      eventBase,
      { schema: { response: { 200: ZServiceEvent }, params: ZEventIdParam, body: ZServiceEventEdit, tags }, config },
      async (request) => editEvent(db, signedInContext(request), editor, request.params.eventId, request.body),
    );

    app.post(
      `${eventBase}/cancel`,
      { schema: { response: { 200: ZServiceEvent }, params: ZEventIdParam, body: ZServiceEventCancel, tags }, config },
      async (request) => cancelEvent(db, signedInContext(request), editor, request.params.eventId, request.body),
    );
  }

  app.get(
    '/api/directory/our-proposals',
    { schema: { response: { 200: ZOurProposals }, tags }, config: propose },
    async (request) => listOurProposals(db, signedInContext(request)),
  );

  app.post(
    '/api/directory/our-proposals',
    { schema: { response: { 201: ZProposeListingResult }, body: ZProposeListingBody, tags }, config: propose },
    async (request, reply) => reply.status(201).send(await proposeListing(db, signedInContext(request), request.body)),
  );

  app.get(
    '/api/directory/proposals/:proposalId',
    { schema: { response: { 200: ZListingProposalReview }, params: ZProposalIdParam, tags }, config: review },
    async (request) => getProposal(db, signedInContext(request), request.params.proposalId),
  );

  app.post(
    '/api/directory/proposals/:proposalId/approve',
    { schema: { response: { 200: ZListingProposalReview }, params: ZProposalIdParam, tags }, config: review },
    async (request) => approveProposal(db, signedInContext(request), request.params.proposalId),
  );

  app.post(
    '/api/directory/proposals/:proposalId/reject',
    {
      schema: { response: { 200: ZListingProposalReview }, params: ZProposalIdParam, body: ZReasonBody, tags },
      config: review,
    },
    async (request) => rejectProposal(db, signedInContext(request), request.params.proposalId, request.body),
  );
}
