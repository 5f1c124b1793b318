import type { FastifyInstance } from 'fastify';

// Permissions-Policy: the browser's powerful features, off everywhere but where a page needs
// them. Camera and microphone are for a video consultation's pages only (`/video…`: the person's
// device check, waiting room and call, and the worker's call), and screen sharing for the
// worker's call. The policy belongs to the document as it was loaded, so these pages are
// reached by a full page load (a link from a text, or a new tab from the case record), never by
// the single-page app's own navigation from a page whose policy forbids them.

const OFF = 'camera=(), microphone=(), display-capture=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()';
const VIDEO =
  'camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()';

/** The policy of a document at this path (the path without its query string). */
export function permissionsPolicyFor(path: string): string {
  return path === '/video' || path.startsWith('/video/') ? VIDEO : OFF;
}

export function registerPermissionsPolicy(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('Permissions-Policy', permissionsPolicyFor(request.url.split('?')[0] ?? ''));
  });
}
