import { z } from 'zod';
import { ZOrukService } from '../modules/directory/oruk/service-document-read.js';
import type { RegisteredRoute } from '../platform/http/access.js';

// The live route table, as the hostile-input tests walk it: which routes take a body or a query,
// and the zod schemas that validate each part of their requests.

export type Part = 'body' | 'querystring' | 'params' | 'headers';
export type RequestSchemas = Partial<Record<Part, z.ZodType>>;

/**
 * Bodies a route declares as `z.unknown()` items and validates one by one in its service: the
 * schema that really reads them. (POST /api/referrals declares its real schema already.)
 */
const INNER_BODIES: Record<string, z.ZodType> = {
  'POST /api/directory/import/oruk': z.array(ZOrukService),
};

export const routeLabel = (r: Pick<RegisteredRoute, 'method' | 'url'>) => `${r.method} ${r.url}`;

const isZod = (s: unknown): s is z.ZodType => s instanceof z.ZodType;

export function requestSchemas(route: RegisteredRoute): RequestSchemas {
  const declared = (route.schema ?? {}) as Record<string, unknown>;
  const parts: RequestSchemas = {};
  for (const part of ['body', 'querystring', 'params', 'headers'] as const) {
    const schema = declared[part];
    if (isZod(schema)) parts[part] = schema;
  }
  const inner = INNER_BODIES[routeLabel(route)];
  if (inner) parts.body = inner;
  return parts;
}

/**
 * Every route a client can send data to: every route that is not GET/HEAD (a body is accepted
 * whether declared or not), and every GET that reads a query string. The API documents are a
 * plugin's, not ours.
 */
export function routesTakingInput(routes: RegisteredRoute[]): RegisteredRoute[] {
  return routes.filter(
    (r) =>
      r.method !== 'HEAD' &&
      !r.url.startsWith('/api/docs') &&
      (r.method !== 'GET' || isZod((r.schema as Record<string, unknown> | undefined)?.querystring)),
  );
}

/** Every route that reads path parameters. */
export const routesWithParams = (routes: RegisteredRoute[]) =>
  routes.filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/api/docs') && r.url.includes('/:'));
