import type { FastifyInstance, FastifyRequest, FastifySchema } from 'fastify';
import type { Permission } from '../../../common/permissions.js';
import { writeAuditAlone } from '../audit/audit.js';
import { createDenialThrottle, type DenialThrottle } from '../audit/denial-throttle.js';
import type { Principal, RequestContext, SignedInContext } from '../context.js';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import { safeError } from '../logger.js';

/** What every route must declare in `config.access`. */
export type RouteAccess = { permission: Permission } | { public: true };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** The session's CSRF token, when signed in. */
    csrfToken: string | null;
    /** The raw session token from the cookie, when one was presented. */
    sessionToken: string | null;
    /** The app's throttle for refusal audit rows (see denial-throttle.ts). */
    auditDenials: DenialThrottle | null;
  }
}

export interface AuthenticatedSession {
  principal: Principal;
  csrfToken: string;
}

export interface AccessControlOptions {
  db: Db;
  cookieName: string;
  /** Routes registered by third-party plugins under these prefixes are public. */
  publicPrefixes?: string[];
  /** Resolves a session token to a signed-in principal, or null (unknown, pending, expired). */
  authenticate(token: string): Promise<AuthenticatedSession | null>;
  /** Window of the refusal audit throttle (default 60 s; tests shorten it). */
  denialWindowMs?: number;
  /**
   * Routes under these prefixes (the FHIR edge) are for registered systems, not people: they take
   * an OAuth bearer token (`Authorization: Bearer …`) and never the session cookie, so no CSRF
   * token is needed (nothing is sent ambiently). The token resolves to the client's principal —
   * its scopes within what a person of its organisation may do — and the route's declared
   * permission is checked against it exactly as for a person. Elsewhere a bearer token is ignored.
   */
  bearer?: { prefixes: string[]; authenticate(token: string): Promise<Principal | null> };
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
  /** The request schemas the route declared (for the tests that walk every route's fields). */
  schema?: FastifySchema;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requestContext(request: FastifyRequest): RequestContext {
  return {
    actor: request.principal,
    // Undefined once the client has gone (Fastify reads the socket's address when asked).
    ip: request.ip ?? null,
    requestId: request.id,
    auditDenials: request.auditDenials ?? undefined,
  };
}

/**
 * The context of a route that declares a permission: the access hook has already refused anyone
 * not signed in, so the actor is always there (and its absence is a 401, never a null to check).
 */
export function signedInContext(request: FastifyRequest): SignedInContext {
  if (!request.principal) throw new AppError('unauthenticated', { userMessage: 'You need to sign in.' });
  return { ...requestContext(request), actor: request.principal };
}

/**
 * Deny by default: a route that declares no access answers 403 to everyone (and the
 * route-walk test fails). Signed-in routes need a live session and the declared permission;
 * cookie-authenticated writes also need the session's CSRF token in X-CSRF-Token.
 */
export function registerAccessControl(app: FastifyInstance, opts: AccessControlOptions): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.decorateRequest('principal', null);
  app.decorateRequest('csrfToken', null);
  // Stryker disable next-line StringLiteral: equivalent; the hook assigns it on every request before anything reads it
  app.decorateRequest('sessionToken', null);
  // Stryker disable next-line StringLiteral: equivalent; the hook assigns it on every request before anything reads it
  app.decorateRequest('auditDenials', null);
  const denials = createDenialThrottle({
    windowMs: opts.denialWindowMs,
    write: ({ ctx, entry }) => writeAuditAlone(opts.db, ctx, entry),
    onError: (err) => app.log.error({ err: safeError(err) }, 'audit: could not write a count of refusals'),
  });
  // The counts still open are written before the app lets go of the database.
  app.addHook('onClose', () => denials.close());

  app.addHook('onRoute', (route) => {
    if (!route.config?.access && opts.publicPrefixes?.some((p) => route.url.startsWith(p))) {
      route.config = { ...route.config, access: { public: true } };
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      routes.push({ method, url: route.url, access: route.config?.access, schema: route.schema });
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    request.auditDenials = denials;
    const token = request.cookies[opts.cookieName] ?? null;
    request.sessionToken = token;
    // Stryker disable next-line OptionalChaining: equivalent; Fastify gives every matched and unmatched route a config object
    const access = request.routeOptions.config?.access;
    if (!request.routeOptions.url) return; // no route matched: the not-found handler answers
    if (access && 'public' in access) return;

    const bearer = opts.bearer;
    const forSystems = !!bearer && bearer.prefixes.some((p) => request.routeOptions.url?.startsWith(p));
    let principal: Principal;
    let csrfToken: string | null = null;
    if (forSystems) {
      const presented = bearerToken(request.headers.authorization);
      const client = presented ? await bearer.authenticate(presented) : null;
      if (!client) {
        // RFC 6750 §3: say which scheme is wanted, and whether the token given was bad.
        reply.header('WWW-Authenticate', presented ? 'Bearer error="invalid_token"' : 'Bearer');
        throw new AppError('unauthenticated', {
          userMessage: presented
            ? 'The access token is not valid: it has expired, been revoked or was never issued. Get a new one from /oauth2/token.'
            : 'An access token is needed: send Authorization: Bearer <token> from /oauth2/token.',
        });
      }
      principal = client;
    } else {
      const session = token ? await opts.authenticate(token) : null;
      if (!session) {
        throw new AppError('unauthenticated', { userMessage: 'You need to sign in.' });
      }
      principal = session.principal;
      csrfToken = session.csrfToken;
    }
    request.principal = principal;
    request.csrfToken = csrfToken;

    if (!access || !principal.permissions.includes(access.permission)) {
      await writeAuditAlone(opts.db, requestContext(request), {
        action: 'access.denied',
        outcome: 'denied',
        details: {
          method: request.method,
          route: request.routeOptions.url,
          permission: access ? access.permission : null,
        },
      });
      if (forSystems) reply.header('WWW-Authenticate', 'Bearer error="insufficient_scope"');
      throw new AppError('forbidden', { userMessage: 'You do not have permission to do this.' });
    }
    if (!forSystems && !SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== csrfToken) {
      await writeAuditAlone(opts.db, requestContext(request), {
        action: 'access.csrf-rejected',
        outcome: 'denied',
        details: { method: request.method, route: request.routeOptions.url },
      });
      throw new AppError('csrf', {
        userMessage: 'This request was missing its security token. Reload the page and try again.',
      });
    }
  });
  return routes;
}

/** The token of an `Authorization: Bearer <token>` header (RFC 6750 §2.1), or null. */
function bearerToken(header: string | undefined): string | null {
  const match = header ? /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(header.trim()) : null;
  return match?.[1] ?? null;
}
