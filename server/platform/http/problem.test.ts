import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerErrorHandler } from './problem.js';

// The last resort: a PostgreSQL data exception (class 22) that a schema let through is the
// client's bad value, not our outage: 400 without the SQL, and logged as a bug.

async function appThrowing(error: unknown) {
  const logged: unknown[] = [];
  const app = Fastify({
    logger: { level: 'error', stream: { write: (line: string) => logged.push(JSON.parse(line)) } },
  });
  registerErrorHandler(app);
  app.get('/boom', async () => {
    throw error;
  });
  await app.ready();
  return { app, logged };
}

/** The shape drizzle gives: its own error, with pg's error (and its SQLSTATE) as the cause. */
const wrapped = (code: string) =>
  Object.assign(new Error('Failed query: select * from people where name = $1\nparams: secret'), {
    cause: Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code }),
  });

describe('database data exceptions', () => {
  it.each(['22021', '22003', '22007', '22008', '22P02', '22P05'])(
    'SQLSTATE %s → 400, no SQL in the answer',
    async (code) => {
      const { app, logged } = await appThrowing(wrapped(code));
      const res = await app.inject({ method: 'GET', url: '/boom' });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'validation', errors: [{ field: 'request' }] });
      expect(res.body).not.toMatch(/select|secret|UTF8/);
      expect(logged).toEqual([expect.objectContaining({ sqlState: code, msg: expect.stringMatching(/^bug:/) })]);
      await app.close();
    },
  );

  it('other database errors are still 500', async () => {
    const { app } = await appThrowing(wrapped('42P01'));
    expect((await app.inject({ method: 'GET', url: '/boom' })).statusCode).toBe(500);
    await app.close();
  });
});
