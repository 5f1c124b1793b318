import { z } from 'zod';
import { ZUserList } from '../../../common/admin-lists.js';
import { ZStaffMember, ZTeam } from '../../../common/api-types.js';
import { signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import { ZUserCreate, ZUserListQuery, ZUserUpdate } from './users.schemas.js';
import * as users from './users.service.js';

const ZIdParam = z.object({ id: z.uuid('must be a valid id') });

export function usersRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/team',
    { schema: { response: { 200: ZTeam }, tags: ['team'] }, config: { access: { permission: 'team.read' } } },
    async (request) => users.getTeam(db, signedInContext(request)),
  );

  app.get(
    '/api/admin/users',
    {
      schema: {
        response: { 200: ZUserList },
        querystring: ZUserListQuery,
        tags: ['admin'],
        summary: 'Users of your ICB: search, filter, sort, page',
      },
      config: { access: { permission: 'user.read' } },
    },
    async (request) => users.listUsers(db, signedInContext(request), request.query),
  );

  app.get(
    '/api/admin/users/:id',
    {
      schema: { response: { 200: ZStaffMember }, params: ZIdParam, tags: ['admin'] },
      config: { access: { permission: 'user.read' } },
    },
    async (request) => users.getUser(db, signedInContext(request), request.params.id),
  );

  app.post(
    '/api/admin/users',
    {
      schema: { response: { 201: ZStaffMember }, body: ZUserCreate, tags: ['admin'] },
      config: { access: { permission: 'user.manage' } },
    },
    async (request, reply) =>
      reply.status(201).send(await users.createUser(db, signedInContext(request), request.body)),
  );

  app.patch(
    '/api/admin/users/:id',
    {
      schema: { response: { 200: ZStaffMember }, params: ZIdParam, body: ZUserUpdate, tags: ['admin'] },
      config: { access: { permission: 'user.manage' } },
    },
    async (request) => users.updateUser(db, signedInContext(request), request.params.id, request.body),
  );

  app.post(
    '/api/admin/users/:id/second-factor/reset',
    {
      schema: {
        response: { 200: ZStaffMember },
        params: ZIdParam,
        tags: ['admin'],
        summary: "Reset a user's two-factor authentication",
      },
      config: { access: { permission: 'user.manage' } },
    },
    async (request) => users.resetSecondFactor(db, signedInContext(request), request.params.id),
  );
}
