import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errors as joseErrors, jwtVerify } from 'jose';

// A local stand-in for GOV.UK Notify's API (POST /v2/notifications/sms and /email), checking what
// the real one checks first: the bearer JWT (HS256, signed with the API key's secret, `iss` the
// service id, `iat` within 30 s of now), then the body. Accepted requests are recorded for tests.
// Answers and error JSON follow Notify's documented shapes; see shared/reference/standards.md.

/** Notify's key format: `{key name}-{service id}-{secret}`, the last two uuids. */
export function parseNotifyKey(apiKey: string): { serviceId: string; secret: string } {
  return { serviceId: apiKey.slice(-73, -37), secret: apiKey.slice(-36) };
}

/** A synthetic test key (not a secret: it only opens this fake). */
export function fakeNotifyKey(name = 'waymark_test'): string {
  return `${name}-${randomUUID()}-${randomUUID()}`;
}

export interface RecordedNotification {
  id: string;
  type: 'sms' | 'email';
  templateId: string;
  /** phone_number or email_address as sent. */
  to: string;
  personalisation: Record<string, string>;
  reference: string | null;
  receivedAt: string;
}

export interface NotifyFake {
  url: string;
  port: number;
  readonly received: RecordedNotification[];
  /** Requests refused for their token, counted (the tests of a wrong key look at this). */
  readonly refusedAuth: number;
  /** The next `n` requests (after the token check) get this status and Notify's error JSON. */
  failNext(n: number, status?: number, error?: { error: string; message: string }): void;
  close(): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Notify's error shape: `{ status_code, errors: [{ error, message }] }`. */
const notifyError = (res: ServerResponse, status: number, error: string, message: string) =>
  send(res, status, { status_code: status, errors: [{ error, message }] });

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export interface NotifyFakeOptions {
  apiKey: string;
  /** 0 (default): a free loopback port. */
  port?: number;
  host?: string;
  /** Extra routes (the e2e runner's GET /_fake/messages); return true when handled. */
  extraRoutes?: (req: IncomingMessage, res: ServerResponse, fake: NotifyFake) => boolean;
}

export async function startNotifyFake(opts: NotifyFakeOptions): Promise<NotifyFake> {
  const { serviceId, secret } = parseNotifyKey(opts.apiKey);
  const key = new TextEncoder().encode(secret);
  const received: RecordedNotification[] = [];
  let refusedAuth = 0;
  let failures: { left: number; status: number; error: { error: string; message: string } } | null = null;

  async function authorised(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const header = req.headers.authorization ?? '';
    const token = /^Bearer (.+)$/.exec(header)?.[1];
    const refuse = (message: string) => {
      refusedAuth++;
      notifyError(res, 403, 'AuthError', message);
      return false;
    };
    if (!token) return refuse('Unauthorized: authentication token must be provided');
    try {
      const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: serviceId });
      // Notify allows 30 s of clock difference either way, and no more.
      if (typeof payload.iat !== 'number' || Math.abs(Date.now() / 1000 - payload.iat) > 30) {
        return refuse('Error: Your system clock must be accurate to within 30 seconds');
      }
      return true;
    } catch (err) {
      if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === 'iss') {
        return refuse('Invalid token: service not found');
      }
      return refuse('Invalid token: API key not found');
    }
  }

  async function notification(type: 'sms' | 'email', req: IncomingMessage, res: ServerResponse) {
    if (!(await authorised(req, res))) return;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return notifyError(res, 400, 'BadRequestError', 'Invalid JSON supplied in POST data');
    }
    if (failures && failures.left > 0) {
      failures.left--;
      return notifyError(res, failures.status, failures.error.error, failures.error.message);
    }
    const to = type === 'sms' ? body.phone_number : body.email_address;
    const toField = type === 'sms' ? 'phone_number' : 'email_address';
    if (typeof body.template_id !== 'string' || !UUID.test(body.template_id)) {
      return notifyError(res, 400, 'ValidationError', 'template_id is not a valid UUID');
    }
    if (typeof to !== 'string' || to === '')
      return notifyError(res, 400, 'ValidationError', `${toField} is a required property`);
    if (type === 'sms' && !/^(\+?44|0)7\d{9}$/.test(to.replace(/[\s()-]/g, ''))) {
      return notifyError(res, 400, 'ValidationError', 'phone_number Not a UK mobile number');
    }
    if (type === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(to)) {
      return notifyError(res, 400, 'ValidationError', 'email_address Not a valid email address');
    }
    const id = randomUUID();
    const reference = typeof body.reference === 'string' ? body.reference : null;
    received.push({
      id,
      type,
      templateId: body.template_id,
      to,
      personalisation: (body.personalisation ?? {}) as Record<string, string>,
      reference,
      receivedAt: new Date().toISOString(),
    });
    const base = `http://${req.headers.host}`;
    send(res, 201, {
      id,
      reference,
      content:
        type === 'sms'
          ? { body: '(composed by Notify from the template)', from_number: 'Waymark' }
          : {
              body: '(composed by Notify from the template)',
              subject: 'Waymark',
              from_email: 'waymark@notifications.service.gov.uk',
            },
      uri: `${base}/v2/notifications/${id}`,
      template: {
        id: body.template_id,
        version: 1,
        uri: `${base}/services/${serviceId}/templates/${body.template_id}`,
      },
    });
  }

  const fake: NotifyFake = {
    url: '',
    port: 0,
    received,
    get refusedAuth() {
      return refusedAuth;
    },
    failNext(n, status = 500, error = { error: 'Exception', message: 'Internal server error' }) {
      failures = { left: n, status, error };
    },
    close: async () => {},
  };

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (opts.extraRoutes?.(req, res, fake)) return;
    if (req.method === 'POST' && path === '/v2/notifications/sms') return void notification('sms', req, res);
    if (req.method === 'POST' && path === '/v2/notifications/email') return void notification('email', req, res);
    notifyError(res, 404, 'BadRequestError', 'Not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  fake.port = port;
  fake.url = `http://${opts.host ?? '127.0.0.1'}:${port}`;
  fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}
