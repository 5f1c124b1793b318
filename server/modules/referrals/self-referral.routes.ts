import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { EVERYDAY_REASONS, SELF_REFERRAL_BODY_LIMIT } from '../../../common/self-referral.js';
import { AppError } from '../../platform/errors.js';
import { requestContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import { listReferralReasons } from '../codes/codes.service.js';
import { parseIdempotencyKey } from './idempotency.js';
import {
  ZPracticeSearchQuery,
  ZSelfReferralCheck,
  ZSelfReferralStatusQuery,
  ZSelfReferralSubmit,
} from './self-referral.schemas.js';
import { checkSelfReferral, createSelfReferral, startSelfReferral } from './use-cases/self-referral.js';
import { searchPractices } from './use-cases/self-referral-place.js';
import { selfReferralStatus } from './use-cases/self-referral-status.js';
import { checkServiceSelfReferral, createServiceSelfReferral } from './use-cases/self-referral-to-service.js';

// The residents' self-referral over HTTP (issue 14): public routes, no session. Abuse is kept out
// by construction rather than a third-party CAPTCHA: small bodies, per-address limits on every
// route, per-phone/email limits on sending, a honeypot and a minimum time to fill (use-case).

const ZFormToken = z.object({ formToken: z.string() });
const ZPublicReasons = z.object({ reasons: z.array(z.object({ code: z.string(), words: z.string() })) });
const ZPublicPractices = z.object({
  practices: z.array(
    z.object({ id: z.string(), name: z.string(), postcode: z.string().nullable(), pcnName: z.string() }),
  ),
});
const ZFieldErrors = z.object({ errors: z.array(z.object({ field: z.string(), message: z.string() })) });
const ZReference = z.object({ reference: z.string() });
const ZStatus = z.object({
  reference: z.string(),
  status: z.string(),
  title: z.string(),
  detail: z.string(),
  team: z.object({ name: z.string(), phone: z.string().nullable(), email: z.string().nullable() }),
});

/** The phone numbers and email addresses a submission gives, compact and lower-case. */
function contactsOf(body: unknown): string[] {
  const answers = (body as { answers?: Record<string, unknown> } | null)?.answers;
  if (typeof answers !== 'object' || answers === null) return [];
  return ['phone', 'email', 'onBehalfPhone', 'onBehalfEmail']
    .map((k) => answers[k])
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    .map((v) => v.replace(/[\s\-().]/g, '').toLowerCase());
}

export function selfReferralRoutes(app: App, { db, config }: AppDeps): void {
  const tags = ['self-referral'];
  const perMinute = (max: number) => ({
    access: { public: true as const },
    rateLimit: { max, timeWindow: '1 minute' },
  });
  // Pages of the journey are read many times by one person; sending is counted by the hour.
  const reading = perMinute(Math.max(60, config.SIGN_IN_RATE_LIMIT));
  const sendingPerAddress = {
    access: { public: true as const },
    rateLimit: { max: config.SELF_REFERRAL_RATE_LIMIT, timeWindow: '1 hour' },
  };
  const contactLimiter = app.createRateLimit({
    max: config.SELF_REFERRAL_RATE_LIMIT,
    timeWindow: '1 hour',
    keyGenerator: (request) => String((request as FastifyRequest & { contactKey?: string }).contactKey),
  });
  const perContact = async (request: FastifyRequest) => {
    for (const contact of contactsOf(request.body)) {
      const keyed = request as FastifyRequest & { contactKey?: string };
      keyed.contactKey = `self-referral:${createHash('sha256').update(contact).digest('hex')}`;
      const limit = await contactLimiter(request);
      if (!limit.isAllowed && limit.isExceeded) {
        throw new AppError('rate_limited', {
          userMessage: `Too many referrals with this phone number or email address. Wait ${Math.ceil(limit.ttlInSeconds / 60)} minutes and try again, or phone the team.`,
        });
      }
    }
  };
  // A status check tries a reference: per address as sign-in is, and per reference.
  const referenceLimiter = app.createRateLimit({
    max: 5,
    timeWindow: '1 minute',
    keyGenerator: (request) =>
      `status:${String((request.body as { reference?: unknown } | null)?.reference ?? '')
        .toUpperCase()
        .replace(/[^0-9A-F]/g, '')}`,
  });

  app.post(
    '/api/public/self-referral/start',
    { schema: { tags, summary: 'Begin a self-referral', response: { 201: ZFormToken } }, config: reading },
    async (request, reply) => reply.code(201).send(await startSelfReferral(db, requestContext(request))),
  );

  app.get(
    '/api/public/self-referral/reasons',
    {
      schema: { tags, summary: 'What people can ask for help with', response: { 200: ZPublicReasons } },
      config: reading,
    },
    async () => ({
      reasons: (await listReferralReasons(db)).map((r) => ({
        code: r.code,
        words: EVERYDAY_REASONS[r.code] ?? r.label,
      })),
    }),
  );

  app.get(
    '/api/public/self-referral/practices',
    {
      schema: {
        tags,
        summary: 'GP surgeries by name or postcode',
        querystring: ZPracticeSearchQuery,
        response: { 200: ZPublicPractices },
      },
      config: reading,
    },
    async (request) => ({ practices: await searchPractices(db, request.query.q) }),
  );

  app.post(
    '/api/public/self-referral/check',
    {
      schema: { tags, summary: "Check one page's answers", body: ZSelfReferralCheck, response: { 200: ZFieldErrors } },
      bodyLimit: SELF_REFERRAL_BODY_LIMIT,
      config: reading,
    },
    async (request) => {
      const { serviceId, answers, fields } = request.body;
      return serviceId ? checkServiceSelfReferral(db, serviceId, answers, fields) : checkSelfReferral(db, request.body);
    },
  );

  app.post(
    '/api/public/self-referrals',
    {
      schema: {
        tags,
        summary: 'Send a self-referral to the PCN team, or (with serviceId) straight to a community group',
        body: ZSelfReferralSubmit,
        response: { 201: ZReference },
      },
      bodyLimit: SELF_REFERRAL_BODY_LIMIT,
      config: sendingPerAddress,
      preHandler: perContact,
    },
    async (request, reply) => {
      const idempotencyKey = parseIdempotencyKey(request.headers['idempotency-key']);
      const { serviceId, answers, formToken, website } = request.body;
      const answer = serviceId
        ? await createServiceSelfReferral(db, requestContext(request), config, {
            serviceId,
            answers,
            formToken,
            website,
            idempotencyKey,
          })
        : await createSelfReferral(db, requestContext(request), { body: request.body, idempotencyKey });
      if (answer.replayed) reply.header('Idempotent-Replayed', 'true');
      return reply.code(201).send(answer.body);
    },
  );

  app.post(
    '/api/public/self-referrals/status',
    {
      schema: {
        tags,
        summary: "A self-referral's status, by its reference and the person's date of birth",
        body: ZSelfReferralStatusQuery,
        response: { 200: ZStatus },
      },
      bodyLimit: SELF_REFERRAL_BODY_LIMIT,
      config: perMinute(config.SIGN_IN_RATE_LIMIT),
      preHandler: async (request) => {
        const limit = await referenceLimiter(request);
        if (!limit.isAllowed && limit.isExceeded) {
          throw new AppError('rate_limited', {
            userMessage: `Too many checks of this reference. Wait ${limit.ttlInSeconds} seconds and try again.`,
          });
        }
      },
    },
    async (request) => selfReferralStatus(db, requestContext(request), request.body),
  );
}
