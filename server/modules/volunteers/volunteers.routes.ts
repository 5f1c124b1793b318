import { z } from 'zod';
import { ZVolunteerRecord, ZVolunteerSummary } from '../../../common/volunteers.js';
import { signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import {
  ZBefriendingEnd,
  ZBefriendingParams,
  ZBefriendingStart,
  ZCheckCreate,
  ZHoursCreate,
  ZVolunteerCreate,
  ZVolunteerEnd,
  ZVolunteerIdParam,
  ZVolunteerUpdate,
} from './volunteers.schemas.js';
import * as volunteers from './volunteers.service.js';

export function volunteersRoutes(app: App, { db }: AppDeps): void {
  const tags = ['volunteers'];
  const record = { 200: ZVolunteerRecord };

  app.get(
    '/api/volunteers',
    {
      schema: { response: { 200: z.array(ZVolunteerSummary) }, tags },
      config: { access: { permission: 'volunteer.read' } },
    },
    async (request) => volunteers.listVolunteers(db, signedInContext(request)),
  );

  app.post(
    '/api/volunteers',
    {
      schema: { response: { 201: ZVolunteerRecord }, body: ZVolunteerCreate, tags },
      config: { access: { permission: 'volunteer.manage' } },
    },
    async (request, reply) =>
      reply.status(201).send(await volunteers.createVolunteer(db, signedInContext(request), request.body)),
  );

  app.get(
    '/api/volunteers/:id',
    {
      schema: { response: record, params: ZVolunteerIdParam, tags },
      config: { access: { permission: 'volunteer.read' } },
    },
    async (request) => volunteers.getVolunteer(db, signedInContext(request), request.params.id),
  );

  app.put(
    '/api/volunteers/:id',
    {
      schema: { response: record, params: ZVolunteerIdParam, body: ZVolunteerUpdate, tags },
      config: { access: { permission: 'volunteer.manage' } },
    },
    async (request) => volunteers.updateVolunteer(db, signedInContext(request), request.params.id, request.body),
  );

  app.post(
    '/api/volunteers/:id/checks',
    {
      schema: { response: { 201: ZVolunteerRecord }, params: ZVolunteerIdParam, body: ZCheckCreate, tags },
      config: { access: { permission: 'volunteer.manage' } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await volunteers.recordCheck(db, signedInContext(request), request.params.id, request.body)),
  );

  app.post(
    '/api/volunteers/:id/hours',
    {
      schema: { response: { 201: ZVolunteerRecord }, params: ZVolunteerIdParam, body: ZHoursCreate, tags },
      config: { access: { permission: 'volunteer.manage' } },
    },
    async (request, reply) =>
      reply.status(201).send(await volunteers.logHours(db, signedInContext(request), request.params.id, request.body)),
  );

  app.post(
    '/api/volunteers/:id/end',
    {
      schema: { response: record, params: ZVolunteerIdParam, body: ZVolunteerEnd, tags },
      config: { access: { permission: 'volunteer.manage' } },
    },
    async (request) => volunteers.endVolunteering(db, signedInContext(request), request.params.id, request.body),
  );

  // Befriending changes the person's case: its worker, a colleague covering it or the lead.
  app.post(
    '/api/volunteers/:id/befriending',
    {
      schema: { response: { 201: ZVolunteerRecord }, params: ZVolunteerIdParam, body: ZBefriendingStart, tags },
      config: { access: { permission: 'case.write' } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await volunteers.startBefriending(db, signedInContext(request), request.params.id, request.body.referralId),
        ),
  );

  app.post(
    '/api/volunteers/:id/befriending/:assignmentId/end',
    {
      schema: { response: record, params: ZBefriendingParams, body: ZBefriendingEnd, tags },
      config: { access: { permission: 'case.write' } },
    },
    async (request) =>
      volunteers.endBefriending(
        db,
        signedInContext(request),
        request.params.id,
        request.params.assignmentId,
        request.body.reason,
      ),
  );
}
