import { ZNoContent } from '../../../common/api-types.js';
import { ZLeaveItem, ZLeaveList } from '../../../common/front-door-types.js';
import { signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import { ZIdParam, ZLeaveCreate } from './workforce.schemas.js';
import * as workforce from './workforce.service.js';

export function workforceRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/team/leave',
    { schema: { response: { 200: ZLeaveList }, tags: ['team'] }, config: { access: { permission: 'team.read' } } },
    async (request) => workforce.listLeave(db, signedInContext(request)),
  );

  app.post(
    '/api/team/leave',
    {
      schema: { response: { 201: ZLeaveItem }, body: ZLeaveCreate, tags: ['team'] },
      config: { access: { permission: 'leave.manage' } },
    },
    async (request, reply) =>
      reply.status(201).send(await workforce.recordLeave(db, signedInContext(request), request.body)),
  );

  app.delete(
    '/api/team/leave/:id',
    {
      schema: { response: { 204: ZNoContent }, params: ZIdParam, tags: ['team'] },
      config: { access: { permission: 'leave.manage' } },
    },
    async (request, reply) => {
      await workforce.cancelLeave(db, signedInContext(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
