import fc from 'fast-check';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  controlCharacterPaths,
  jsonNestingExceeds,
  MAX_JSON_DEPTH,
  registerHostileInputGuard,
} from './hostile-input.js';
import { registerErrorHandler } from './problem.js';

// The edge every route sits behind: tested on a bare app with routes that declare no schema at
// all, the case it exists for.

async function bareApp() {
  const app = Fastify({ logger: false });
  registerErrorHandler(app);
  registerHostileInputGuard(app);
  app.post('/echo/:id', async (request) => ({ body: request.body, query: request.query }));
  app.register(async (scoped) => {
    scoped.addContentTypeParser('text/csv', { parseAs: 'string' }, (_r, body, done) => done(null, body));
    scoped.post('/csv', async (request) => ({ length: (request.body as string).length }));
  });
  await app.ready();
  return app;
}

const post = (app: Awaited<ReturnType<typeof bareApp>>, url: string, payload: string, type = 'application/json') =>
  app.inject({ method: 'POST', url, headers: { 'content-type': type }, payload });

describe('the JSON depth limit', () => {
  it('counts nesting outside strings only, in one pass', () => {
    expect(jsonNestingExceeds('[[[]]]', 3)).toBe(false);
    expect(jsonNestingExceeds('[[[[]]]]', 3)).toBe(true);
    expect(jsonNestingExceeds('{"a":"[[[[[[\\"[[[["}', 1)).toBe(false);
    expect(jsonNestingExceeds(`${'['.repeat(1_000_000)}`, MAX_JSON_DEPTH)).toBe(true);
  });

  it('agrees with the depth of what JSON.parse builds, for any JSON', () => {
    const depth = (v: unknown): number =>
      v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depth)) : 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 8 }), (value, max) => {
        expect(jsonNestingExceeds(JSON.stringify(value), max)).toBe(depth(value) > max);
      }),
      { numRuns: 500 },
    );
  });

  it('answers 400 naming the body past the limit, and still parses (and guards __proto__) below it', async () => {
    const app = await bareApp();
    const deep = await post(app, '/echo/1', `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`);
    expect(deep.statusCode).toBe(400);
    expect(deep.json().errors).toEqual([
      { field: 'body', message: `must not be nested more than ${MAX_JSON_DEPTH} levels deep` },
    ]);
    const ok = await post(app, '/echo/1', `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`);
    expect(ok.statusCode).toBe(200);
    expect((await post(app, '/echo/1', '{"__proto__":{"admin":true}}')).statusCode).toBe(400);
    expect((await post(app, '/echo/1', '{"unterminated')).statusCode).toBe(400);
    await app.close();
  });
});

describe('the control-character check', () => {
  it('finds every string and key holding one, by path', () => {
    const value = {
      person: { givenName: 'A\u0000', ok: 'fine\n\ttab' },
      list: ['x', { note: '\u001b' }],
      'k\u0007': 1,
    };
    expect(controlCharacterPaths(value, 'body').sort()).toEqual(['body', 'list.1.note', 'person.givenName'].sort());
    expect(controlCharacterPaths('a\u0000', 'body')).toEqual(['body']);
  });

  it('answers 400 naming body fields, query parameters and path parameters, on a route without a schema', async () => {
    const app = await bareApp();
    const body = await post(
      app,
      '/echo/1',
      JSON.stringify({ person: { givenName: 'A\u0000' }, notes: ['ok', 'b\u0007'] }),
    );
    expect(body.statusCode).toBe(400);
    expect(body.json().errors).toEqual([
      { field: 'person.givenName', message: 'must not contain control characters' },
      { field: 'notes.1', message: 'must not contain control characters' },
    ]);
    const query = await post(app, '/echo/1?text=%00abc', '{}');
    expect(query.json().errors).toEqual([{ field: 'text', message: 'must not contain control characters' }]);
    const param = await post(app, '/echo/%00', '{}');
    expect(param.json().errors).toEqual([{ field: 'id', message: 'must not contain control characters' }]);
    const csv = await post(app, '/csv', 'name\nA\u0000', 'text/csv');
    expect(csv.json().errors).toEqual([{ field: 'body', message: 'must not contain control characters' }]);
    const fine = await post(app, '/echo/1?text=caf%C3%A9', JSON.stringify({ notes: 'line one\r\nline two\tend' }));
    expect(fine.statusCode).toBe(200);
    await app.close();
  });
});

describe('the half-character check (issue 19: found by the route fuzzing)', () => {
  it('answers 400 naming each field that holds an unpaired surrogate, which PostgreSQL’s jsonb refuses', async () => {
    const app = await bareApp();
    // JSON.stringify writes a lone surrogate as the escape \ud800: valid JSON text, not valid Unicode.
    const body = await post(
      app,
      '/echo/1',
      JSON.stringify({ reason: 'lone \uD800 high', list: ['\uDFFF low'], ok: 'a pair \u{1F600} is fine' }),
    );
    expect(body.statusCode).toBe(400);
    expect(body.json().errors).toEqual([
      { field: 'reason', message: 'must be valid text: it holds half of a character (an unpaired surrogate)' },
      { field: 'list.0', message: 'must be valid text: it holds half of a character (an unpaired surrogate)' },
    ]);
    const fine = await post(app, '/echo/1', JSON.stringify({ name: '\u{1F468}\u200D\u{1F469} e\u0301 \u202Eabc' }));
    expect(fine.statusCode).toBe(200);
    await app.close();
  });
});
