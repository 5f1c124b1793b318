import { setTimeout } from 'node:timers/promises';
import { z } from 'zod';
import { ZNoContent } from '../../../common/api-types.js';
import { requestContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import { authSettings } from './auth.routes.js';
import { ZPasswordChange, ZPasswordReset, ZPasswordResetRequest } from './auth.schemas.js';
import * as passwords from './use-cases/passwords.js';

/** The same words whether or not the address has an account. */

/**
 * Waits until `ms` have passed since `started` (performance.now()). A timer counts whole
 * milliseconds of a clock read at the start of the event loop's turn, so it can fire up to a
 * millisecond before the time asked for: it waits again until the time has truly passed.
 */
async function untilElapsed(started: number, ms: number): Promise<void> {
  for (let left = ms - (performance.now() - started); left > 0; left = ms - (performance.now() - started)) {
    await setTimeout(Math.ceil(left));
  }
}

export const RESET_REQUESTED =
  'If an account uses that email address, we have sent it a link to reset the password. The link works once, for 30 minutes.';

export function passwordRoutes(app: App, { db, config }: AppDeps): void {
  const settings = authSettings(config);
  const limit = { max: config.SIGN_IN_RATE_LIMIT, timeWindow: '1 minute' };

  app.post(
    '/api/account/password',
    {
      schema: {
        body: ZPasswordChange,
        response: { 204: ZNoContent },
        tags: ['auth'],
        summary: 'Change your own password',
      },
      config: { access: { permission: 'account.self' }, rateLimit: limit },
    },
    async (request, reply) => {
      await passwords.changePassword(
        db,
        settings,
        requestContext(request),
        request.sessionToken as string,
        request.body,
      );
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/auth/password-reset',
    {
      schema: {
        body: ZPasswordResetRequest,
        response: { 202: z.object({ message: z.string() }) },
        tags: ['auth'],
        summary: 'Email a password reset link (the same answer for any address)',
      },
      config: { access: { public: true }, rateLimit: limit },
    },
    async (request, reply) => {
      const started = performance.now();
      await passwords.requestPasswordReset(db, requestContext(request), config.publicUrl, request.body);
      await untilElapsed(started, passwords.RESET_ANSWER_MS);
      return reply.status(202).send({ message: RESET_REQUESTED });
    },
  );

  app.post(
    '/api/auth/password-reset/complete',
    {
      schema: {
        body: ZPasswordReset,
        response: { 204: ZNoContent },
        tags: ['auth'],
        summary: 'Set a new password with a reset link',
      },
      config: { access: { public: true }, rateLimit: limit },
    },
    async (request, reply) => {
      await passwords.completePasswordReset(db, requestContext(request), request.body);
      return reply.status(204).send();
    },
  );
}
