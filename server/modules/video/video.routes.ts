import type { FastifyRequest } from 'fastify';
import {
  ZVideoAppointmentList,
  ZVideoAppointmentView,
  ZVideoLinkResent,
  ZVideoOpen,
  ZVideoOpenAnswer,
  ZVideoWaiting,
} from '../../../common/video.js';
import { auditDenied } from '../../platform/audit/audit-denied.js';
import { AppError } from '../../platform/errors.js';
import { requestContext, signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import { openVideoLink } from './use-cases/open-link.js';
import { listVideoAppointments, listWaiting, resendVideoLink, revokeVideoLink } from './use-cases/team-video.js';
import { tokenHashOf } from './use-cases/video-link.js';
import { ZVideoCaseParams, ZVideoLinkParams } from './video.schemas.js';

// The team's side of a case's video appointments (see them, re-send or withdraw the link) and
// the person's opening of their link. The token travels in the body only, never in a path or a
// query string, so that no log line holds it.

const resend = auditDenied('video.link.resend', resendVideoLink);
const revoke = auditDenied('video.link.revoke', revokeVideoLink);

export function videoRoutes(app: App, { db, config }: AppDeps): void {
  const links = { publicUrl: config.publicUrl };

  app.get(
    '/api/referrals/:id/video-appointments',
    {
      schema: { params: ZVideoCaseParams, response: { 200: ZVideoAppointmentList }, tags: ['video'] },
      config: { access: { permission: 'case.read' } },
    },
    async (request) => ({
      appointments: await listVideoAppointments(db, signedInContext(request), request.params.id),
    }),
  );

  app.get(
    '/api/video/waiting',
    {
      schema: {
        summary: 'People waiting now for a video call with the team',
        response: { 200: ZVideoWaiting },
        tags: ['video'],
      },
      config: { access: { permission: 'caseload.read' } },
    },
    async (request) => ({ waiting: await listWaiting(db, signedInContext(request)) }),
  );

  app.post(
    '/api/referrals/:id/planned-contacts/:plannedId/video-link/resend',
    {
      schema: {
        summary: 'Send the person a new link to the video appointment (the old one stops working)',
        params: ZVideoLinkParams,
        response: { 200: ZVideoLinkResent },
        tags: ['video'],
      },
      config: { access: { permission: 'case.write' } },
    },
    async (request) => resend(db, signedInContext(request), request.params.id, request.params.plannedId, links),
  );

  app.post(
    '/api/referrals/:id/planned-contacts/:plannedId/video-link/revoke',
    {
      schema: {
        summary: "Withdraw the person's link to the video appointment",
        params: ZVideoLinkParams,
        response: { 200: ZVideoAppointmentView },
        tags: ['video'],
      },
      config: { access: { permission: 'case.write' } },
    },
    async (request) => revoke(db, signedInContext(request), request.params.id, request.params.plannedId),
  );

  // Per address (onRequest, before the body is read), as sign-in is; and per token, so that many
  // addresses together cannot hammer one link.
  const perAddress = { max: config.SIGN_IN_RATE_LIMIT, timeWindow: '1 minute' };
  const tokenLimiter = app.createRateLimit({
    max: config.SIGN_IN_RATE_LIMIT,
    timeWindow: '1 minute',
    keyGenerator: (request) => `video:${tokenHashOf(String((request.body as { token?: unknown }).token))}`,
  });
  const perToken = async (request: FastifyRequest) => {
    const limit = await tokenLimiter(request);
    if (!limit.isAllowed && limit.isExceeded) {
      throw new AppError('rate_limited', {
        userMessage: `Too many attempts with this link. Wait ${limit.ttlInSeconds} seconds and try again.`,
      });
    }
  };

  app.post(
    '/api/public/video/open',
    {
      schema: {
        summary: 'What a video appointment link opens: when, and with which team (no personal data)',
        body: ZVideoOpen,
        response: { 200: ZVideoOpenAnswer },
        tags: ['video'],
      },
      config: { access: { public: true }, rateLimit: perAddress },
      preHandler: perToken,
    },
    async (request) => openVideoLink(db, requestContext(request), request.body.token),
  );
}
