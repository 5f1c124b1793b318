import { ZOrganisationDetail, ZOrganisationList } from '../../../common/admin-lists.js';
import {
  ZOrganisationTree,
  ZPcnNode,
  ZPracticeNode,
  ZPracticeWithPcn,
  ZVcsOrganisationNode,
} from '../../../common/api-types.js';
import { signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import {
  ZIdParam,
  ZOrganisationListQuery,
  ZOrganisationTreeQuery,
  ZOrganisationUpdate,
  ZPcnCreate,
  ZPracticeCreate,
  ZRetirement,
  ZVcsCreate,
} from './organisations.schemas.js';
import * as organisations from './organisations.service.js';
import * as manage from './use-cases/manage-organisations.js';

export function organisationsRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/organisations',
    {
      schema: { response: { 200: ZOrganisationTree }, querystring: ZOrganisationTreeQuery, tags: ['organisations'] },
      config: { access: { permission: 'organisation.read' } },
    },
    async (request) =>
      organisations.getOrganisationTree(db, signedInContext(request), {
        includeRetired: request.query.include === 'retired',
      }),
  );

  app.get(
    '/api/organisations/practices/:id',
    {
      schema: { response: { 200: ZPracticeWithPcn }, params: ZIdParam, tags: ['organisations'] },
      config: { access: { permission: 'organisation.read' } },
    },
    async (request) => organisations.getPractice(db, signedInContext(request), request.params.id),
  );

  app.post(
    '/api/admin/organisations/pcns',
    {
      schema: { response: { 201: ZPcnNode }, body: ZPcnCreate, tags: ['admin'] },
      config: { access: { permission: 'organisation.manage' } },
    },
    async (request, reply) =>
      reply.status(201).send(await organisations.createPcn(db, signedInContext(request), request.body)),
  );

  app.post(
    '/api/admin/organisations/practices',
    {
      schema: { response: { 201: ZPracticeNode }, body: ZPracticeCreate, tags: ['admin'] },
      config: { access: { permission: 'organisation.manage' } },
    },
    async (request, reply) =>
      reply.status(201).send(await organisations.createPractice(db, signedInContext(request), request.body)),
  );

  app.post(
    '/api/admin/organisations/vcs',
    {
      schema: { response: { 201: ZVcsOrganisationNode }, body: ZVcsCreate, tags: ['admin'] },
      config: { access: { permission: 'organisation.manage' } },
    },
    async (request, reply) =>
      reply.status(201).send(await organisations.createVcsOrganisation(db, signedInContext(request), request.body)),
  );

  const manageAccess = { access: { permission: 'organisation.manage' as const } };

  app.get(
    '/api/admin/organisations',
    {
      schema: {
        response: { 200: ZOrganisationList },
        querystring: ZOrganisationListQuery,
        tags: ['admin'],
        summary: 'Organisations of your ICB: search, filter, sort, page',
      },
      config: manageAccess,
    },
    async (request) => manage.listOrganisations(db, signedInContext(request), request.query),
  );

  app.get(
    '/api/admin/organisations/:id',
    {
      schema: {
        response: { 200: ZOrganisationDetail },
        params: ZIdParam,
        tags: ['admin'],
        summary: 'An organisation with its history',
      },
      config: manageAccess,
    },
    async (request) => manage.getOrganisation(db, signedInContext(request), request.params.id),
  );

  app.patch(
    '/api/admin/organisations/:id',
    {
      schema: { response: { 200: ZOrganisationDetail }, params: ZIdParam, body: ZOrganisationUpdate, tags: ['admin'] },
      config: manageAccess,
    },
    async (request) => manage.updateOrganisation(db, signedInContext(request), request.params.id, request.body),
  );

  app.post(
    '/api/admin/organisations/:id/retire',
    {
      schema: { response: { 200: ZOrganisationDetail }, params: ZIdParam, body: ZRetirement, tags: ['admin'] },
      config: manageAccess,
    },
    async (request) => manage.retireOrganisation(db, signedInContext(request), request.params.id, request.body.reason),
  );

  app.post(
    '/api/admin/organisations/:id/reinstate',
    {
      schema: { response: { 200: ZOrganisationDetail }, params: ZIdParam, body: ZRetirement, tags: ['admin'] },
      config: manageAccess,
    },
    async (request) =>
      manage.reinstateOrganisation(db, signedInContext(request), request.params.id, request.body.reason),
  );
}
