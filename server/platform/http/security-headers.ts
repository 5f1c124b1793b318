import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import type { Config } from '../../config.js';

// The security headers of every answer (Content-Security-Policy, HSTS over HTTPS, no referrer,
// nosniff, frame and cross-origin policies), set before anything else runs for a request.
//
// helmet's middleware is built once, here: @fastify/helmet built it again for every request
// (helmet(options) parses the CSP directives and makes each header's middleware anew), which
// was about 5% of the app's CPU per answer under the load bench (bench/RESULTS.md). Built once,
// a request costs the headers' setHeader calls only.

/** The same headers for every route; the directives name no nonce, so nothing varies per request. */
export function securityHeadersOf(config: Pick<Config, 'cookieSecure'>) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        mediaSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.cookieSecure ? [] : null,
      },
    },
    strictTransportSecurity: config.cookieSecure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}

export function registerSecurityHeaders(app: FastifyInstance, config: Pick<Config, 'cookieSecure'>): void {
  const setHeaders = securityHeadersOf(config);
  app.addHook('onRequest', (request, reply, done) => {
    setHeaders(request.raw, reply.raw, (err?: unknown) => done(err as Error | undefined));
  });
}
