import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendAddressRefusal, sendProblem } from './problem.js';

/** Files a browser must revalidate every time (their names never change). */
const NOT_FINGERPRINTED = new Set(['sw.js', 'manifest.webmanifest']);

/**
 * Serves the built React app (dist/web) on the same port as the API: real files as they are,
 * every other GET path as index.html so client-side routes survive a reload. Unknown /api
 * paths get a problem+json 404, never the HTML page.
 */
export async function registerWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  const hasBuild = existsSync(path.join(webRoot, 'index.html'));
  if (hasBuild) await app.register(fastifyStatic, { root: webRoot, serve: false });

  app.get('/*', { config: { access: { public: true } } }, async (request, reply) => {
    const urlPath = decodeURIComponent((request.params as { '*': string })['*'] ?? '');
    if (urlPath.startsWith('api/') || urlPath === 'api' || urlPath.startsWith('fhir/') || urlPath.startsWith('oruk/')) {
      return sendAddressRefusal(`/${urlPath}`, reply, 404, 'There is no such API address.');
    }
    if (!hasBuild) {
      return sendProblem(reply, 404, 'not_found', 'The web app has not been built: run `npm run build:web`.');
    }
    const file = path.join(webRoot, urlPath);
    if (urlPath && file.startsWith(webRoot + path.sep) && existsSync(file) && statSync(file).isFile()) {
      // The service worker and the manifest keep their names across builds: the browser must ask
      // each time, or a visitor would keep an old worker (and its old app shell) for a day.
      if (NOT_FINGERPRINTED.has(urlPath))
        return reply.header('Cache-Control', 'no-cache').sendFile(urlPath, { cacheControl: false });
      // Vite fingerprints everything under assets/, so those can be cached for good.
      const immutable = urlPath.startsWith('assets/');
      return reply.sendFile(urlPath, { maxAge: immutable ? '365d' : 0, immutable });
    }
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  });
}
