/// <reference lib="webworker" />
import { mayCacheRequest, mayKeepResponse } from './cache-rule';

// Waymark's service worker (built by vite-plugin-pwa's injectManifest into /sw.js). It keeps
// the app shell (the built HTML, JS, CSS and icons, listed at build time) so the public app
// opens without a network, and the public directory's reads (cache-rule.ts) so the directory
// pages a resident last saw still show offline. Nothing else is stored: staff pages load the
// same shell, but their data only ever comes from the network.

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: { url: string; revision: string | null }[] };

const BUILD = self.__WB_MANIFEST;
// One shell cache per build (the list's revisions change with every file), so an update never mixes builds.
const SHELL_CACHE = `waymark-shell-${hash(BUILD.map((e) => `${e.url}@${e.revision ?? ''}`).join('|'))}`;
const DIRECTORY_CACHE = 'waymark-public-directory-v1';
/** The directory answers kept: the latest searches and listings, not every one ever seen. */
const DIRECTORY_ENTRIES = 60;
const SHELL_URLS = BUILD.map((e) => new URL(e.url, self.location.href).href);
const INDEX_URL = new URL('index.html', self.location.href).href;

/** A short, stable name from the build list (FNV-1a): not security, just a cache name. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      // `reload`: fetch past the HTTP cache, so the shell is this build's files.
      await cache.addAll(SHELL_URLS.map((url) => new Request(url, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      // Older builds' shells go; so does anything this worker would not have stored itself.
      await Promise.all(names.filter((n) => n !== SHELL_CACHE && n !== DIRECTORY_CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === 'navigate') {
    // Every page is the same index.html (client-side routes); it holds no one's data.
    event.respondWith(networkThenShell(request));
  } else if (mayCacheRequest({ method: request.method, url: request.url, origin: self.location.origin })) {
    event.respondWith(publicDirectoryRead(request, event.clientId));
  } else if (SHELL_URLS.includes(url.href)) {
    // Built files are fingerprinted: the cached copy is the same bytes as the server's.
    event.respondWith(caches.match(url.href).then((cached) => cached ?? fetch(request)));
  }
  // Anything else (every other /api/ answer above all) goes to the network untouched, never stored.
});

async function networkThenShell(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const shell = await caches.match(INDEX_URL, { cacheName: SHELL_CACHE });
    if (shell) return shell;
    throw error;
  }
}

/** Network first; the copy last seen when the network fails. The page is told which it got. */
async function publicDirectoryRead(request: Request, clientId: string): Promise<Response> {
  const cache = await caches.open(DIRECTORY_CACHE);
  let response: Response;
  try {
    // Without credentials: the public read needs no session, and an answer to a request that
    // carried none cannot belong to one (the worker cannot see Set-Cookie to check).
    response = await fetch(request.url, { credentials: 'omit' });
  } catch (error) {
    const cached = await cache.match(request.url);
    if (!cached) throw error;
    void tell(clientId, true);
    return cached;
  }
  void tell(clientId, false);
  try {
    const { status, type } = response;
    if (mayKeepResponse({ status, type, cacheControl: response.headers.get('Cache-Control') })) {
      await cache.put(request.url, response.clone());
      await keepLatest(cache, DIRECTORY_ENTRIES);
    } else if (status === 404) {
      // A listing that has gone is not shown offline either.
      await cache.delete(request.url);
    }
  } catch {
    // Storage full or refused: the page still gets its answer, there is just no copy for later.
  }
  return response;
}

/** Drops the oldest entries beyond `limit` (a put moves its entry to the end of the cache's keys). */
async function keepLatest(cache: Cache, limit: number): Promise<void> {
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - limit)).map((key) => cache.delete(key)));
}

/** Lets the page say honestly that what it shows is a saved copy (OfflineBanner listens). */
async function tell(clientId: string, fromCache: boolean): Promise<void> {
  const client = clientId ? await self.clients.get(clientId) : undefined;
  client?.postMessage({ type: 'waymark:public-directory-read', fromCache });
}
