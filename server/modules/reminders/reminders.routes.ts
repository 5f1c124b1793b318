import { ZTaskDone, ZTaskList } from '../../../common/reminders.js';
import { signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import { ZTaskIdParam } from './reminders.schemas.js';
import * as reminders from './reminders.service.js';

export function remindersRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/tasks',
    {
      schema: { response: { 200: ZTaskList }, tags: ['reminders'] },
      config: { access: { permission: 'caseload.read' } },
    },
    async (request) => reminders.listOwnTasks(db, signedInContext(request)),
  );

  app.post(
    '/api/tasks/:id/done',
    {
      schema: { response: { 200: ZTaskDone }, params: ZTaskIdParam, tags: ['reminders'] },
      config: { access: { permission: 'caseload.read' } },
    },
    async (request) => reminders.completeTask(db, signedInContext(request), request.params.id),
  );
}
