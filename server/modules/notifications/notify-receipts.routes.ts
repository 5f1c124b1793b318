import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { writeAuditAlone } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { requestContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import { ZNotifyReceipt } from './notifications.schemas.js';
import { recordDeliveryReceipt } from './notifications.service.js';

// Notify's delivery receipts. Notify has no session: it proves itself with the bearer token set
// on its callbacks page (NOTIFY_CALLBACK_TOKEN), so the route is public and checks that token.

/** Constant-time comparison of the presented token with the configured one (hashes make the lengths equal). */
function tokenMatches(header: string | undefined, expected: string): boolean {
  const given = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  if (!given) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function notifyReceiptsRoutes(app: App, deps: AppDeps): void {
  const { db, config } = deps;

  // Before the body is validated: a caller without the token learns nothing about the shape.
  async function requireNotifyToken(request: FastifyRequest, _reply: FastifyReply) {
    const expected = config.NOTIFY_CALLBACK_TOKEN;
    if (!expected || !tokenMatches(request.headers.authorization, expected)) {
      await writeAuditAlone(db, requestContext(request), {
        action: 'resident-message.receipt',
        outcome: 'denied',
        details: { reason: expected ? 'wrong token' : 'NOTIFY_CALLBACK_TOKEN not set' },
      });
      throw new AppError('unauthenticated', { userMessage: 'A valid Notify callback token is needed.' });
    }
  }

  app.post(
    '/api/notify/receipts',
    {
      schema: {
        body: ZNotifyReceipt,
        response: { 200: z.object({ updated: z.boolean() }) },
        tags: ['notifications'],
        summary: 'GOV.UK Notify delivery receipt (callback)',
      },
      config: { access: { public: true } },
      onRequest: requireNotifyToken,
    },
    async (request) =>
      recordDeliveryReceipt(db, requestContext(request), {
        notifyId: request.body.id,
        status: request.body.status,
        completedAt: request.body.completed_at ? new Date(request.body.completed_at) : null,
      }),
  );
}
