import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { allocationRoutes } from './modules/allocation/allocation.routes.js';
import { analyticsRoutes } from './modules/analytics/analytics.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { authRoutes, authSettings, sessionCookieName } from './modules/auth/auth.routes.js';
import { authenticate, isSessionActive, sessionIdOf } from './modules/auth/auth.service.js';
import { passwordRoutes } from './modules/auth/password.routes.js';
import { carePlansRoutes } from './modules/care-plans/care-plans.routes.js';
import { casesRoutes } from './modules/cases/cases.routes.js';
import { directoryMaintenanceRoutes } from './modules/directory/maintenance/maintenance.routes.js';
import { orukRoutes } from './modules/directory/oruk/oruk.routes.js';
import { referralSettingsRoutes } from './modules/directory/referral-settings/referral-settings.routes.js';
import { directorySearchRoutes } from './modules/directory/search/search.routes.js';
import { showcaseRoutes } from './modules/directory/showcase/showcase.routes.js';
import { directoryTransferRoutes } from './modules/directory/transfer/transfer.routes.js';
import { FHIR_BASE, fhirRoutes } from './modules/fhir/fhir.routes.js';
import { notificationsRoutes } from './modules/notifications/notifications.routes.js';
import { notifyReceiptsRoutes } from './modules/notifications/notify-receipts.routes.js';
import { impactRoutes } from './modules/onward-referrals/impact/impact.routes.js';
import { onwardLinkRoutes } from './modules/onward-referrals/links/links.routes.js';
import { onwardReferralRoutes } from './modules/onward-referrals/onward-referrals.routes.js';
import { partnerRoutes } from './modules/onward-referrals/partner.routes.js';
import { organisationsRoutes } from './modules/organisations/organisations.routes.js';
import { outcomesRoutes } from './modules/outcomes/outcomes.routes.js';
import { recordsRoutes } from './modules/records/records.routes.js';
import { referralsRoutes } from './modules/referrals/referrals.routes.js';
import { selfReferralRoutes } from './modules/referrals/self-referral.routes.js';
import { remindersRoutes } from './modules/reminders/reminders.routes.js';
import { siteRoutes } from './modules/site/site.routes.js';
import { systemClientsRoutes } from './modules/system-clients/system-clients.routes.js';
import { authenticateBearer } from './modules/system-clients/system-clients.service.js';
import { teamRoutes } from './modules/team/team.routes.js';
import { teamGroupsRoutes } from './modules/team-groups/team-groups.routes.js';
import { triageRoutes } from './modules/triage/triage.routes.js';
import { usersRoutes } from './modules/users/users.routes.js';
import { videoRoutes } from './modules/video/video.routes.js';
import { SIGNAL_SOCKET_OPTIONS, videoSignalRoutes } from './modules/video/video-signal.routes.js';
import { volunteersRoutes } from './modules/volunteers/volunteers.routes.js';
import { workforceRoutes } from './modules/workforce/workforce.routes.js';
import { workforcePlannerRoutes } from './modules/workforce-planner/workforce-planner.routes.js';
import type { Db } from './platform/db/client.js';
import { type RegisteredRoute, registerAccessControl } from './platform/http/access.js';
import type { App } from './platform/http/deps.js';
import { registerHealthRoutes } from './platform/http/health.js';
import { registerHostileInputGuard } from './platform/http/hostile-input.js';
import { registerPermissionsPolicy } from './platform/http/permissions-policy.js';
import { registerErrorHandler, sendAddressRefusal, withRouterRefusalHeaders } from './platform/http/problem.js';
import { registerSecurityHeaders } from './platform/http/security-headers.js';
import { registerWebApp } from './platform/http/web-app.js';
import { loggerOptions } from './platform/logger.js';
import { projectPath } from './platform/paths.js';
import type { RealtimeHub } from './platform/realtime-hub.js';

export const DEFAULT_WEB_ROOT = projectPath('dist', 'web');

export interface BuildAppOptions {
  db: Db;
  config: Config;
  webRoot?: string;
  isShuttingDown?: () => boolean;
  /** This instance's LISTEN connection, feeding GET /api/events; without it that route answers 503. */
  hub?: RealtimeHub;
  /** Keep-alive interval of the event stream (tests shorten it). */
  liveEventsHeartbeatMs?: number;
  /** How often a video call's signalling connections are pinged (tests shorten it). */
  videoPingEveryMs?: number;
  /** Window of the refusal audit throttle (tests shorten it). */
  auditDenialWindowMs?: number;
  /** The embedded PostgreSQL this process runs, if any: /healthz fails while it is down. */
  embeddedDatabase?: { readonly isRunning: boolean };
}

export interface BuiltApp {
  app: App;
  /** Every route with the access it declared (for the route-permission walk). */
  routes: RegisteredRoute[];
}

export async function buildApp(opts: BuildAppOptions): Promise<BuiltApp> {
  const { db, config } = opts;
  const app = Fastify({
    logger: loggerOptions(config.LOG_LEVEL, config.logFormat),
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1_048_576,
    // Graceful shutdown: close() stops accepting and lets in-flight requests finish.
    return503OnClosing: true,
    // Addresses the router cannot even read answer problem+json like everything else: a path
    // parameter longer than any id names nothing (404); broken percent-encoding is a bad request.
    // No hook runs before these (helmet's included): the security headers are set here.
    frameworkErrors: (error, request, reply) =>
      error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? sendAddressRefusal(request.url, withRouterRefusalHeaders(reply), 404, 'There is nothing at this address.')
        : sendAddressRefusal(request.url, withRouterRefusalHeaders(reply), 400, 'This address is not valid.', [
            { field: 'url', message: 'is not a valid address' },
          ]),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  // Before any route or plugin: the JSON depth limit and the control-character check cover all.
  registerHostileInputGuard(app);

  registerSecurityHeaders(app, config);
  registerPermissionsPolicy(app);
  await app.register(fastifyCookie);
  // Before every route: the plugin wraps each route's handler as it is added (video signalling).
  await app.register(fastifyWebsocket, { options: SIGNAL_SOCKET_OPTIONS });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'rate_limited',
      message: `Too many attempts. Wait ${Math.ceil(context.ttl / 1000)} seconds and try again.`,
    }),
  });
  const settings = authSettings(config);
  const routes = registerAccessControl(app, {
    db,
    cookieName: sessionCookieName(config),
    // The OpenAPI document describes the API, never data: readable without signing in.
    publicPrefixes: ['/api/docs'],
    authenticate: (token) => authenticate(db, settings, token),
    denialWindowMs: opts.auditDenialWindowMs,
    // The FHIR edge is for registered systems: bearer tokens from /oauth2/token, never the cookie.
    bearer: { prefixes: [`${FHIR_BASE}/`], authenticate: (token) => authenticateBearer(db, token) },
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Waymark API', version: '0.1.0', description: 'Social prescribing referral platform' },
      // The loop with the voluntary sector (issue 12), described where a reader of /api/docs starts.
      tags: [
        {
          name: 'onward-referrals',
          description:
            "From a case: find a service from the person's postcode, signpost (nothing shared) or refer with the person's consent and a chosen minimum set of details; the case's onward referrals; the secure link's withdraw and re-send.",
        },
        {
          name: 'partner',
          description:
            "A VCS partner's inbox of referrals to its own organisation's services, and its answers: accept, decline with a reason, attendance, close with an outcome. Versioned: a stale answer gets 409.",
        },
        {
          name: 'referral-link',
          description:
            'For an organisation without accounts: the emailed secure link (token in the body, never the URL), a one-time code to the same address, then the same answers as the inbox.',
        },
        {
          name: 'impact',
          description:
            "Evidence of value per organisation and service (JSON and CSV): referrals, replies, attendance, outcomes, signposts, outcome-measure change; small numbers suppressed outside the viewer's own records.",
        },
        {
          name: 'analytics',
          description:
            "Evidence for commissioners (their ICB) and team leads (their PCN): demand, flow, waits, capacity, outcomes, onward referrals, equality and the national figures, from rollups kept current in the background (JSON and CSV); small numbers suppressed outside the lead's own PCN and in every CSV.",
        },
        {
          name: 'directory showcase',
          description: "A partner's upcoming sessions and events of its services, and proposals of brand-new listings.",
        },
        {
          name: 'referral settings',
          description:
            'How a service takes referrals through Waymark: whether it takes them, the address for secure links, working days to reply before the worker is asked to chase.',
        },
      ],
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: sessionCookieName(config) } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    uiConfig: { docExpansion: 'list' },
    uiHooks: {},
  });

  registerHealthRoutes(app, db, {
    isShuttingDown: opts.isShuttingDown ?? (() => false),
    embeddedDatabase: opts.embeddedDatabase,
  });
  const deps = { db, config };
  authRoutes(app, deps);
  passwordRoutes(app, deps);
  usersRoutes(app, deps);
  organisationsRoutes(app, deps);
  auditRoutes(app, deps);
  referralsRoutes(app, deps);
  selfReferralRoutes(app, deps);
  triageRoutes(app, deps);
  allocationRoutes(app, deps);
  casesRoutes(app, deps);
  workforceRoutes(app, deps);
  teamRoutes(app, deps);
  outcomesRoutes(app, deps);
  carePlansRoutes(app, deps);
  remindersRoutes(app, deps);
  siteRoutes(app, deps, sessionCookieName(config));
  orukRoutes(app, deps);
  directorySearchRoutes(app, deps);
  directoryMaintenanceRoutes(app, deps);
  directoryTransferRoutes(app, deps);
  onwardReferralRoutes(app, deps);
  partnerRoutes(app, deps);
  onwardLinkRoutes(app, deps);
  impactRoutes(app, deps);
  analyticsRoutes(app, deps);
  workforcePlannerRoutes(app, deps);
  showcaseRoutes(app, deps);
  referralSettingsRoutes(app, deps);
  volunteersRoutes(app, deps);
  teamGroupsRoutes(app, deps);
  systemClientsRoutes(app, deps);
  recordsRoutes(app, deps);
  fhirRoutes(app, deps);
  notificationsRoutes(app, {
    ...deps,
    hub: opts.hub,
    isSessionActive: (token) => isSessionActive(db, settings, token),
    sessionIdOf,
    heartbeatMs: opts.liveEventsHeartbeatMs,
  });
  notifyReceiptsRoutes(app, deps);
  videoRoutes(app, deps);
  videoSignalRoutes(app, {
    ...deps,
    hub: opts.hub,
    sessionIdOf,
    isSessionActive: (token) => isSessionActive(db, settings, token),
    keepSessionAlive: async (token) => (await authenticate(db, settings, token)) !== null,
    pingEveryMs: opts.videoPingEveryMs,
  });
  await registerWebApp(app, opts.webRoot ?? DEFAULT_WEB_ROOT);
  app.setNotFoundHandler((request, reply) =>
    sendAddressRefusal(request.url, reply, 404, 'There is nothing at this address.'),
  );

  return { app, routes };
}
