import { z } from 'zod';
import { ZGroupRecord, ZGroupsOverview, ZOpenCase, ZSessionRegister } from '../../../common/team-groups.js';
import { signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import {
  ZGroupDetails,
  ZGroupIdParam,
  ZGroupUpdate,
  ZOpenCaseQuery,
  ZRegisterSave,
  ZSessionCreate,
  ZSessionParams,
} from './team-groups.schemas.js';
import * as groups from './team-groups.service.js';

export function teamGroupsRoutes(app: App, { db }: AppDeps): void {
  const tags = ['team-groups'];

  app.get(
    '/api/team-groups',
    { schema: { response: { 200: ZGroupsOverview }, tags }, config: { access: { permission: 'group.read' } } },
    async (request) => groups.listGroups(db, signedInContext(request)),
  );

  app.post(
    '/api/team-groups',
    {
      schema: { response: { 201: ZGroupRecord }, body: ZGroupDetails, tags },
      config: { access: { permission: 'group.manage' } },
    },
    async (request, reply) =>
      reply.status(201).send(await groups.createGroup(db, signedInContext(request), request.body)),
  );

  app.get(
    '/api/team-groups/:id',
    {
      schema: { response: { 200: ZGroupRecord }, params: ZGroupIdParam, tags },
      config: { access: { permission: 'group.read' } },
    },
    async (request) => groups.getGroup(db, signedInContext(request), request.params.id),
  );

  app.put(
    '/api/team-groups/:id',
    {
      schema: { response: { 200: ZGroupRecord }, params: ZGroupIdParam, body: ZGroupUpdate, tags },
      config: { access: { permission: 'group.manage' } },
    },
    async (request) => groups.updateGroup(db, signedInContext(request), request.params.id, request.body),
  );

  app.post(
    '/api/team-groups/:id/sessions',
    {
      schema: { response: { 201: ZGroupRecord }, params: ZGroupIdParam, body: ZSessionCreate, tags },
      config: { access: { permission: 'group.manage' } },
    },
    async (request, reply) =>
      reply.status(201).send(await groups.addSession(db, signedInContext(request), request.params.id, request.body)),
  );

  app.get(
    '/api/team-groups/:id/sessions/:sessionId',
    {
      schema: { response: { 200: ZSessionRegister }, params: ZSessionParams, tags },
      config: { access: { permission: 'group.read' } },
    },
    async (request) => groups.getRegister(db, signedInContext(request), request.params.id, request.params.sessionId),
  );

  app.put(
    '/api/team-groups/:id/sessions/:sessionId/register',
    {
      schema: { response: { 200: ZSessionRegister }, params: ZSessionParams, body: ZRegisterSave, tags },
      config: { access: { permission: 'group.manage' } },
    },
    async (request) =>
      groups.saveRegister(db, signedInContext(request), request.params.id, request.params.sessionId, request.body),
  );

  // The team's open cases by name or NHS number: whom a register or a befriender can name.
  app.get(
    '/api/team/open-cases',
    {
      schema: { response: { 200: z.array(ZOpenCase) }, querystring: ZOpenCaseQuery, tags },
      config: { access: { permission: 'case.read' } },
    },
    async (request) => groups.findOpenCases(db, signedInContext(request), request.query.q),
  );
}
