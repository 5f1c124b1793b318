import type { FastifyReply } from 'fastify';
import { ZMe, ZNoContent, ZSecondFactorSetup, ZSignInResult } from '../../../common/api-types.js';
import type { Config } from '../../config.js';
import { AppError } from '../../platform/errors.js';
import { requestContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import { secretBoxOf } from '../../platform/secret-box.js';
import { ZSecondFactorCode, ZSignIn } from './auth.schemas.js';
import * as auth from './auth.service.js';

export function sessionCookieName(config: Config): string {
  // __Host- binds the cookie to this exact origin over HTTPS (no Domain, Path=/).
  return config.cookieSecure ? '__Host-waymark_session' : 'waymark_session';
}

export function authSettings(config: Config): auth.AuthSettings {
  return {
    idleMinutes: config.SESSION_IDLE_MINUTES,
    absoluteHours: config.SESSION_ABSOLUTE_HOURS,
    lockoutThreshold: config.LOCKOUT_THRESHOLD,
    lockoutMinutes: config.LOCKOUT_MINUTES,
    secrets: secretBoxOf(config),
  };
}

export function authRoutes(app: App, { db, config }: AppDeps): void {
  const cookieName = sessionCookieName(config);
  const settings = authSettings(config);
  const setSessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(cookieName, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.cookieSecure,
      path: '/',
      // No Max-Age: the browser forgets it on close; the server enforces idle and absolute expiry.
    });
  const signInLimit = { max: config.SIGN_IN_RATE_LIMIT, timeWindow: '1 minute' };

  app.post(
    '/api/auth/sign-in',
    {
      schema: { body: ZSignIn, response: { 200: ZSignInResult }, tags: ['auth'] },
      config: { access: { public: true }, rateLimit: signInLimit },
    },
    async (request, reply) => {
      const issued = await auth.signIn(db, settings, requestContext(request), request.body, request.sessionToken);
      setSessionCookie(reply, issued.token);
      return issued.result;
    },
  );

  // The pending session from the password step is the only credential here, so it is public
  // to the access hook and checked by the service.
  app.post(
    '/api/auth/second-factor',
    {
      schema: { body: ZSecondFactorCode, response: { 200: ZSignInResult }, tags: ['auth'] },
      config: { access: { public: true }, rateLimit: signInLimit },
    },
    async (request, reply) => {
      const issued = await auth.completeSecondFactor(
        db,
        settings,
        requestContext(request),
        request.sessionToken,
        request.body.code,
      );
      setSessionCookie(reply, issued.token);
      return issued.result;
    },
  );

  app.post(
    '/api/auth/second-factor/enrol',
    {
      schema: { body: ZSecondFactorCode, response: { 200: ZSignInResult }, tags: ['auth'] },
      config: { access: { public: true }, rateLimit: signInLimit },
    },
    async (request, reply) => {
      // From the account page the session is a signed-in one: resolve it so the service can
      // tell the two cases apart, and hold it to the CSRF rule like any signed-in write.
      const signedIn = request.sessionToken ? await auth.authenticate(db, settings, request.sessionToken) : null;
      if (signedIn) {
        request.principal = signedIn.principal;
        if (request.headers['x-csrf-token'] !== signedIn.csrfToken) {
          throw new AppError('csrf', {
            userMessage: 'This request was missing its security token. Reload the page and try again.',
          });
        }
      }
      const issued = await auth.enrolSecondFactor(
        db,
        settings,
        requestContext(request),
        request.sessionToken,
        request.body.code,
      );
      setSessionCookie(reply, issued.token);
      return issued.result;
    },
  );

  app.get(
    '/api/auth/second-factor/setup',
    {
      schema: { response: { 200: ZSecondFactorSetup }, tags: ['auth'] },
      config: { access: { permission: 'account.self' } },
    },
    async (request) =>
      auth.startSecondFactorSetup(db, settings, requestContext(request), request.sessionToken as string),
  );

  app.get(
    '/api/auth/me',
    { schema: { response: { 200: ZMe }, tags: ['auth'] }, config: { access: { permission: 'account.self' } } },
    async (request) => auth.getMe(db, requestContext(request), request.csrfToken as string),
  );

  app.post(
    '/api/auth/sign-out',
    { schema: { response: { 204: ZNoContent }, tags: ['auth'] }, config: { access: { permission: 'account.self' } } },
    async (request, reply) => {
      await auth.signOut(db, requestContext(request), request.sessionToken);
      reply.clearCookie(cookieName, { path: '/' });
      return reply.status(204).send();
    },
  );
}
