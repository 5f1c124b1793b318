import { requestContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import { ZIdParam, ZPcnCreate, ZPracticeCreate, ZVcsCreate } from './organisations.schemas.js';
import * as organisations from './organisations.service.js';

export function organisationsRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/organisations',
    { schema: { tags: ['organisations'] }, config: { access: { permission: 'organisation.read' } } },
    async (request) => organisations.getOrganisationTree(db, requestContext(request)),
  );

  app.get(
    '/api/organisations/practices/:id',
    { schema: { params: ZIdParam, tags: ['organisations'] }, config: { access: { permission: 'organisation.read' } } },
    async (request) => organisations.getPractice(db, requestContext(request), request.params.id),
  );

  app.post(
    '/api/admin/organisations/pcns',
    { schema: { body: ZPcnCreate, tags: ['admin'] }, config: { access: { permission: 'organisation.manage' } } },
    async (request, reply) =>
      reply.status(201).send(await organisations.createPcn(db, requestContext(request), request.body)),
  );

  app.post(
    '/api/admin/organisations/practices',
    { schema: { body: ZPracticeCreate, tags: ['admin'] }, config: { access: { permission: 'organisation.manage' } } },
    async (request, reply) =>
      reply.status(201).send(await organisations.createPractice(db, requestContext(request), request.body)),
  );

  app.post(
    '/api/admin/organisations/vcs',
    { schema: { body: ZVcsCreate, tags: ['admin'] }, config: { access: { permission: 'organisation.manage' } } },
    async (request, reply) =>
      reply.status(201).send(await organisations.createVcsOrganisation(db, requestContext(request), request.body)),
  );
}
