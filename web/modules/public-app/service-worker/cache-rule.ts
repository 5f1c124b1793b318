// What Waymark's service worker may keep (sw.ts applies these; cache-rule.test.ts lists examples).
// The only data it keeps are the public Directory of Services' reads: they hold nothing personal,
// the server already marks them `Cache-Control: public`, and they are what a resident wants to
// read again without a signal. Every other API answer (staff data, sessions, /api/auth/*) is
// left to the network, so nothing of a signed-in user's ever lands in the browser's caches.

/** The public directory's reads, as DirectorySearchPage and ServicePage call them. */
const PUBLIC_DIRECTORY_READS = [
  /^\/api\/public\/directory\/services$/,
  /^\/api\/public\/directory\/services\/[^/]+$/,
  /^\/api\/public\/directory\/categories$/,
];

export interface RequestFacts {
  method: string;
  /** The request's full URL. */
  url: string;
  /** The service worker's own origin: nothing from elsewhere is kept. */
  origin: string;
}

/** May this request's answer be kept, to be shown again when the network fails? */
export function mayCacheRequest({ method, url, origin }: RequestFacts): boolean {
  if (method !== 'GET') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.origin !== origin) return false;
  // URL parsing has already resolved dot segments (also %2e%2e), so /api/public/../auth/me is /api/auth/me.
  return PUBLIC_DIRECTORY_READS.some((read) => read.test(parsed.pathname));
}

export interface ResponseFacts {
  status: number;
  /** Response.type: 'basic' for a same-origin answer the worker can read. */
  type: string;
  cacheControl: string | null;
}

/**
 * May this answer be kept? Only a plain 200 the server itself called public. A service worker
 * cannot see Set-Cookie (a forbidden header), so the worker asks for these reads without
 * credentials instead: no session goes out, so no answer tied to a session can come back.
 */
export function mayKeepResponse({ status, type, cacheControl }: ResponseFacts): boolean {
  if (status !== 200 || type !== 'basic') return false;
  const directives = (cacheControl ?? '')
    .toLowerCase()
    .split(',')
    .map((d) => d.trim());
  return directives.includes('public') && !directives.includes('private') && !directives.includes('no-store');
}
