import {
  ZDevelopmentTasks,
  ZSupervisionSession,
  ZTeamDevelopment,
  ZTeamMemberProfile,
  ZTeamSettings,
  ZTrainingRecord,
} from '../../../common/team.js';
import { signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import {
  ZMemberIdParam,
  ZProfileUpdate,
  ZSupervisionCreate,
  ZTeamSettingsUpdate,
  ZTrainingCreate,
} from './team.schemas.js';
import * as team from './team.service.js';

// Issue 16, points 1–3. A member reads their own profile (team.read); the PCN's lead and the
// ICB's admin edit profiles and record training and supervision (team.manage); the admin keeps
// the lists (team.settings).
export function teamRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/team/development',
    {
      schema: {
        response: { 200: ZTeamDevelopment },
        tags: ['team'],
        summary: "The lead's view: training and supervision flags",
      },
      config: { access: { permission: 'team.manage' } },
    },
    async (request) => team.teamDevelopment(db, signedInContext(request)),
  );

  app.get(
    '/api/team/my-tasks',
    {
      schema: { response: { 200: ZDevelopmentTasks }, tags: ['team'], summary: 'Your supervision and training to-dos' },
      config: { access: { permission: 'team.read' } },
    },
    async (request) => team.myDevelopmentTasks(db, signedInContext(request)),
  );

  // Read by the member themself or by whoever manages the team (checked in the use-case).
  app.get(
    '/api/team/members/:id/profile',
    {
      schema: { response: { 200: ZTeamMemberProfile }, params: ZMemberIdParam, tags: ['team'] },
      config: { access: { permission: 'account.self' } },
    },
    async (request) => team.getProfile(db, signedInContext(request), request.params.id),
  );

  app.put(
    '/api/team/members/:id/profile',
    {
      schema: { response: { 200: ZTeamMemberProfile }, params: ZMemberIdParam, body: ZProfileUpdate, tags: ['team'] },
      config: { access: { permission: 'team.manage' } },
    },
    async (request) => team.updateProfile(db, signedInContext(request), request.params.id, request.body),
  );

  app.post(
    '/api/team/members/:id/training',
    {
      schema: { response: { 201: ZTrainingRecord }, params: ZMemberIdParam, body: ZTrainingCreate, tags: ['team'] },
      config: { access: { permission: 'team.manage' } },
    },
    async (request, reply) =>
      reply.status(201).send(await team.recordTraining(db, signedInContext(request), request.params.id, request.body)),
  );

  app.post(
    '/api/team/members/:id/supervisions',
    {
      schema: {
        response: { 201: ZSupervisionSession },
        params: ZMemberIdParam,
        body: ZSupervisionCreate,
        tags: ['team'],
      },
      config: { access: { permission: 'team.manage' } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await team.recordSupervision(db, signedInContext(request), request.params.id, request.body)),
  );

  app.get(
    '/api/team/settings',
    {
      schema: {
        response: { 200: ZTeamSettings },
        tags: ['team'],
        summary: 'Skills, training per role, supervision targets',
      },
      config: { access: { permission: 'team.settings' } },
    },
    async (request) => team.getTeamSettings(db, signedInContext(request)),
  );

  app.put(
    '/api/team/settings',
    {
      schema: { response: { 200: ZTeamSettings }, body: ZTeamSettingsUpdate, tags: ['team'] },
      config: { access: { permission: 'team.settings' } },
    },
    async (request) => team.updateTeamSettings(db, signedInContext(request), request.body),
  );
}
