import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  CONTROL_CHARACTERS_MESSAGE,
  hasControlCharacters,
  hasUnpairedSurrogates,
  UNPAIRED_SURROGATE_MESSAGE,
} from '../../../common/schemas/text.js';
import { type FieldError, validationError } from '../errors.js';

// Defence in depth for every route, whatever its schema says (issue 9, finding 5). The request
// schemas refuse bad values field by field; this edge makes sure that a route someone forgets, or
// a body no schema reads (`z.unknown()`), still cannot reach PostgreSQL with a NUL or overflow
// the stack with nesting: JSON bodies are refused past MAX_JSON_DEPTH before they are parsed, and
// every string in the body, query string and route parameters is checked for control characters
// and for half characters (unpaired surrogates, which PostgreSQL's jsonb refuses: issue 19).

/** Deeper than any document Waymark reads (a listing is ~6 levels, an ORUK import ~8). */
export const MAX_JSON_DEPTH = 64;
/** Enough to name the problems without echoing a hostile body back at length. */
const MAX_FIELD_ERRORS = 20;

export const NESTING_MESSAGE = `must not be nested more than ${MAX_JSON_DEPTH} levels deep`;

/**
 * Whether JSON text nests arrays/objects deeper than `max`. One pass over the characters with a
 * counter, no recursion and no parse, so a hostile body costs no more than its length.
 */
export function jsonNestingExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

/**
 * The paths (`person.givenName`, `locations.0.name`; `body` for the value itself) of strings, and
 * object keys, that hold control characters. Iterative, so depth costs no stack.
 */
export const controlCharacterPaths = (value: unknown, root: string, limit = MAX_FIELD_ERRORS) =>
  badTextPaths(value, root, hasControlCharacters, limit);

/** As controlCharacterPaths, for any test of text. */
export function badTextPaths(
  value: unknown,
  root: string,
  isBad: (text: string) => boolean,
  limit = MAX_FIELD_ERRORS,
): string[] {
  const found: string[] = [];
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0 && found.length < limit) {
    const { value: v, path } = stack.pop() as { value: unknown; path: string[] };
    if (typeof v === 'string') {
      if (isBad(v)) found.push(path.length ? path.join('.') : root);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: [...path, String(i)] });
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>).reverse();
      for (const [key, child] of entries) {
        if (isBad(key)) found.push(path.length ? path.join('.') : root);
        else stack.push({ value: child, path: [...path, key] });
      }
    }
  }
  return found.slice(0, limit);
}

/**
 * Field errors for control characters and half characters anywhere in the body, query string or
 * route parameters.
 */
export function controlCharacterErrors(request: Pick<FastifyRequest, 'body' | 'query' | 'params'>): FieldError[] {
  const errors = (isBad: (text: string) => boolean, message: string) => {
    // Field names as the request schemas name them: no prefix for body, query or parameter fields.
    const paths = [
      ...badTextPaths(request.params, 'params', isBad),
      ...badTextPaths(request.query, 'query', isBad),
      ...badTextPaths(request.body, 'body', isBad),
    ];
    return [...new Set(paths)].map((field) => ({ field, message }));
  };
  return [
    ...errors(hasControlCharacters, CONTROL_CHARACTERS_MESSAGE),
    ...errors(hasUnpairedSurrogates, UNPAIRED_SURROGATE_MESSAGE),
  ].slice(0, MAX_FIELD_ERRORS);
}

/**
 * Registers the JSON parser with the depth limit and the control-character check. Call before any
 * route or plugin is registered, so that every encapsulated context inherits both.
 */
export function registerHostileInputGuard(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser(
    app.initialConfig.onProtoPoisoning ?? 'error',
    app.initialConfig.onConstructorPoisoning ?? 'error',
  );
  app.removeContentTypeParser('application/json');
  // Fastify still enforces the global (or the route's) body size limit before this runs.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonNestingExceeds(body as string, MAX_JSON_DEPTH)) {
      done(validationError([{ field: 'body', message: NESTING_MESSAGE }]), undefined);
      return;
    }
    parseJson(request, body as string, done);
  });

  app.addHook('preValidation', async (request) => {
    const errors = controlCharacterErrors(request);
    if (errors.length > 0) throw validationError(errors);
  });
}
