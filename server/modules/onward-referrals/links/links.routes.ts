import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  AcceptSchema,
  AttendanceSchema,
  CloseSchema,
  DeclineSchema,
  LinkAccessGrantedSchema,
  LinkAccessSchema,
  LinkCodeSentSchema,
  LinkOpenSchema,
  LinkStateSchema,
  LinkTokenSchema,
  LinkVerifySchema,
  OnwardLinkAnswerSchema,
  PartnerReferralViewSchema,
} from '../../../../common/onward-referrals.js';
import { AppError } from '../../../platform/errors.js';
import { requestContext, signedInContext } from '../../../platform/http/access.js';
import type { App, AppDeps } from '../../../platform/http/deps.js';
import { tokenHashOf } from './issue-link.js';
import { answerThroughLink, type LinkAnswerStep, readLinkReferral } from './link-referral.js';
import * as holder from './public-link.js';
import * as team from './team-link.js';

// The secure link for an organisation without accounts: open, one-time code, answer; the team's
// revoke and re-send. The public routes take the token (and the access the code gave) in the
// body, never in the path or query string, so that neither reaches a log line.

export const ZOnwardLinkParams = z.object({
  id: z.uuid('must be a valid referral id'),
  onwardId: z.uuid('must be a valid onward referral id'),
});

export function onwardLinkRoutes(app: App, { db, config }: AppDeps): void {
  // Per address (onRequest, before the body is read) as sign-in is; and per token (below), so
  // that many addresses together cannot hammer one link's code.
  const perAddress = { max: config.SIGN_IN_RATE_LIMIT, timeWindow: '1 minute' };
  const tokenLimiter = app.createRateLimit({
    max: config.SIGN_IN_RATE_LIMIT,
    timeWindow: '1 minute',
    keyGenerator: (request) => `link:${tokenHashOf(String((request.body as { token?: unknown }).token))}`,
  });
  const perToken = async (request: FastifyRequest) => {
    const limit = await tokenLimiter(request);
    if (!limit.isAllowed && limit.isExceeded) {
      throw new AppError('rate_limited', {
        userMessage: `Too many attempts with this link. Wait ${limit.ttlInSeconds} seconds and try again.`,
      });
    }
  };
  const publicRoute = (summary: string) => ({
    tags: ['referral-link'],
    summary,
  });
  const publicConfig = { access: { public: true as const }, rateLimit: perAddress };

  app.post(
    '/api/referral-link/open',
    {
      schema: {
        ...publicRoute('What a secure link opens (no personal data)'),
        body: LinkOpenSchema,
        response: { 200: LinkStateSchema },
      },
      config: publicConfig,
      preHandler: perToken,
    },
    async (request) => holder.openLink(db, requestContext(request), request.body),
  );

  app.post(
    '/api/referral-link/code',
    {
      schema: {
        ...publicRoute('Email a one-time code to the address the link was sent to'),
        body: LinkTokenSchema,
        response: { 202: LinkCodeSentSchema },
      },
      config: publicConfig,
      preHandler: perToken,
    },
    async (request, reply) => reply.code(202).send(await holder.sendCode(db, requestContext(request), request.body)),
  );

  app.post(
    '/api/referral-link/verify',
    {
      schema: {
        ...publicRoute('Trade the one-time code for a 30-minute access'),
        body: LinkVerifySchema,
        response: { 200: LinkAccessGrantedSchema },
      },
      config: publicConfig,
      preHandler: perToken,
    },
    async (request) => holder.verifyCode(db, requestContext(request), request.body),
  );

  app.post(
    '/api/referral-link/referral',
    {
      schema: {
        ...publicRoute('The referral, once the one-time code was entered (anonymised after access ends)'),
        body: LinkAccessSchema,
        response: { 200: PartnerReferralViewSchema },
      },
      config: publicConfig,
      preHandler: perToken,
    },
    async (request) => readLinkReferral(db, requestContext(request), request.body),
  );

  // The same answers as the partner inbox, each with the token and the access the code gave.
  const answerSettings = { partnerAccessDays: config.PARTNER_ACCESS_DAYS };
  const answers: [
    LinkAnswerStep,
    typeof AcceptSchema | typeof DeclineSchema | typeof AttendanceSchema | typeof CloseSchema,
    string,
  ][] = [
    ['accept', AcceptSchema, 'Accept the referral'],
    ['decline', DeclineSchema, 'Decline the referral with a reason'],
    ['attendance', AttendanceSchema, 'Record attendance'],
    ['close', CloseSchema, 'Close the referral with an outcome'],
  ];
  for (const [step, schema, summary] of answers) {
    app.post(
      `/api/referral-link/${step}`,
      {
        schema: {
          ...publicRoute(summary),
          body: schema.extend(LinkAccessSchema.shape),
          response: { 200: PartnerReferralViewSchema },
        },
        config: publicConfig,
        preHandler: perToken,
      },
      async (request) => answerThroughLink(db, requestContext(request), step, request.body as never, answerSettings),
    );
  }

  const linkSettings = { publicUrl: config.publicUrl, linkDays: config.ONWARD_LINK_DAYS };
  app.post(
    '/api/referrals/:id/onward-referrals/:onwardId/link/revoke',
    {
      schema: {
        tags: ['onward-referrals'],
        summary: 'Withdraw the secure link of an onward referral',
        params: ZOnwardLinkParams,
        response: { 200: OnwardLinkAnswerSchema },
      },
      config: { access: { permission: 'case.write' } },
    },
    async (request) => team.revokeLink(db, signedInContext(request), request.params.id, request.params.onwardId),
  );

  app.post(
    '/api/referrals/:id/onward-referrals/:onwardId/link/resend',
    {
      schema: {
        tags: ['onward-referrals'],
        summary: 'Withdraw any live secure link and email a new one',
        params: ZOnwardLinkParams,
        response: { 200: OnwardLinkAnswerSchema },
      },
      config: { access: { permission: 'case.write' } },
    },
    async (request) =>
      team.resendLink(db, signedInContext(request), linkSettings, request.params.id, request.params.onwardId),
  );
}
