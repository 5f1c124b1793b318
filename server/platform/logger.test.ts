import { Writable } from 'node:stream';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import Fastify from 'fastify';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { registerErrorHandler } from './http/problem.js';
import { loggerOptions, logStream, safeError } from './logger.js';

// Synthetic values (NHS numbers from the 999 test range) that must never reach a log line.
const SECRETS = {
  password: 'correct horse battery staple',
  email: 'alice.example@test.example',
  nhsNumber: '9990000018',
  name: 'Alice Examplewoman',
  cookie: 'waymark_session=SESSIONTOKENabc123',
  csrf: 'CSRFTOKENxyz789',
  queryNhsNumber: '9990000026',
  querySurname: 'Querysurname',
};

function memoryLogger() {
  const lines: string[] = [];
  const stream = { write: (line: string) => void lines.push(line) };
  const logger = pino(loggerOptions('info') as pino.LoggerOptions, stream);
  return { logger, output: () => lines.join(''), records: () => lines.map((l) => JSON.parse(l)) };
}

function expectNoSecrets(output: string) {
  for (const [what, value] of Object.entries(SECRETS)) {
    expect({ what, leaked: output.includes(value) }).toEqual({ what, leaked: false });
  }
}

describe('logger: no personal data or credentials in the logs', () => {
  it('logs a request as method and path, without its query string or cookie', () => {
    const { logger, output, records } = memoryLogger();
    logger.info(
      {
        req: {
          id: 'req-1',
          method: 'GET',
          url: `/api/people/search?nhsNumber=${SECRETS.queryNhsNumber}&surname=${SECRETS.querySurname}`,
          headers: { cookie: SECRETS.cookie, 'x-csrf-token': SECRETS.csrf },
        },
      },
      'incoming request',
    );
    const [record] = records();
    expect(record.req).toEqual({ id: 'req-1', method: 'GET', path: '/api/people/search' });
    expect(output()).not.toContain('?');
    expectNoSecrets(output());
  });

  it('censors personal fields at the top level', () => {
    const { logger, output, records } = memoryLogger();
    logger.info(
      { password: SECRETS.password, email: SECRETS.email, nhsNumber: SECRETS.nhsNumber, name: SECRETS.name, count: 3 },
      'top level',
    );
    const [record] = records();
    expect(record).toMatchObject({
      password: '[redacted]',
      email: '[redacted]',
      nhsNumber: '[redacted]',
      name: '[redacted]',
      count: 3, // what is not personal stays
    });
    expectNoSecrets(output());
  });

  it('censors personal fields nested one and two levels down', () => {
    const { logger, output, records } = memoryLogger();
    logger.info(
      {
        body: { password: SECRETS.password, email: SECRETS.email, nhsNumber: SECRETS.nhsNumber, reason: 'loneliness' },
        referral: { person: { nhsNumber: SECRETS.nhsNumber, name: SECRETS.name, email: SECRETS.email } },
      },
      'nested',
    );
    const [record] = records();
    expect(record.body).toEqual({
      password: '[redacted]',
      email: '[redacted]',
      nhsNumber: '[redacted]',
      reason: 'loneliness',
    });
    expect(record.referral.person).toEqual({ nhsNumber: '[redacted]', name: '[redacted]', email: '[redacted]' });
    expectNoSecrets(output());
  });

  it('an unexpected database error answered 500 is logged without the query parameters', async () => {
    // A failure the error handler does not recognise (a deadlock, a check-constraint violation …)
    // while inserting a user: Drizzle's error message carries every bound parameter.
    const pgError = Object.assign(new Error('new row for relation "users" violates check constraint'), {
      code: '23514',
      detail: `Failing row contains (${SECRETS.email}, ${SECRETS.name}, ${SECRETS.nhsNumber}).`,
    });
    const lines: string[] = [];
    const app = Fastify({
      logger: { ...(loggerOptions('info') as object), stream: { write: (l: string) => void lines.push(l) } },
    });
    registerErrorHandler(app);
    app.post('/api/admin/users', async () => {
      throw new DrizzleQueryError(
        'insert into "users" ("email", "name", "password_hash") values ($1, $2, $3)',
        [SECRETS.email, SECRETS.name, SECRETS.password],
        pgError,
      );
    });
    const res = await app.inject({ method: 'POST', url: '/api/admin/users', payload: {} });
    await app.close();
    expect(res.statusCode).toBe(500);
    expectNoSecrets(res.body);
    const output = lines.join('');
    expect(output).toContain('unhandled error'); // the failure is logged …
    expectNoSecrets(output); // … without the personal data it was writing
  });

  it('through Fastify: request logs carry no query string, cookie, CSRF token or body fields', async () => {
    const lines: string[] = [];
    const app = Fastify({
      logger: { ...(loggerOptions('info') as object), stream: { write: (l: string) => void lines.push(l) } },
    });
    app.post('/api/auth/sign-in', async (request) => {
      request.log.info({ body: request.body }, 'sign-in attempt');
      return { ok: true };
    });
    const res = await app.inject({
      method: 'POST',
      url: `/api/auth/sign-in?nhsNumber=${SECRETS.queryNhsNumber}&surname=${SECRETS.querySurname}`,
      headers: { cookie: SECRETS.cookie, 'x-csrf-token': SECRETS.csrf },
      payload: { email: SECRETS.email, password: SECRETS.password },
    });
    await app.close();
    expect(res.statusCode).toBe(200);
    const output = lines.join('');
    // The request was logged, by path.
    expect(output).toContain('"path":"/api/auth/sign-in"');
    expect(output).toContain('sign-in attempt');
    expectNoSecrets(output);
  });

  it('an error passed through safeError and then the err serializer keeps its real message (not "[object Object]")', () => {
    // The realtime hub and the jobs log `{ err: safeError(err) }`; pino then serializes `err` again.
    const { logger, records } = memoryLogger();
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:54329'), { code: 'ECONNREFUSED' });
    logger.warn({ err: safeError(refused) }, 'realtime: lost the database connection; reconnecting');
    logger.warn({ err: { message: 'terminating connection due to administrator command', code: '57P01' } }, 'outage');
    logger.warn({ err: new AggregateError([refused], '') }, 'aggregate');
    const [hub, outage, aggregate] = records();
    expect(hub.err).toMatchObject({
      type: 'Error',
      message: 'connect ECONNREFUSED 127.0.0.1:54329',
      code: 'ECONNREFUSED',
    });
    expect(hub.err.stack).toContain('connect ECONNREFUSED');
    expect(outage.err).toMatchObject({
      message: 'terminating connection due to administrator command (57P01)',
      code: '57P01',
    });
    expect(aggregate.err.message).toBe('connect ECONNREFUSED 127.0.0.1:54329');
  });
});

describe('log format: readable in development, JSON lines in production', () => {
  it('pretty turns a JSON log line into a readable one, with no JSON braces and no personal data', () => {
    const lines: string[] = [];
    const capture = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = pino(loggerOptions('info') as pino.LoggerOptions, logStream('pretty', capture));
    log.info({ email: 'person@example.org', route: '/api/referrals' }, 'referral received');
    const text = lines.join('');
    expect(text).toMatch(/INFO.*referral received/);
    expect(text).not.toMatch(/^\{/);
    expect(text).not.toContain('person@example.org');
  });

  it('json writes to standard output as pino does (no stream of its own)', () => {
    expect(logStream('json')).toBeUndefined();
  });
});
