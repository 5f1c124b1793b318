import { z } from 'zod';
import {
  RESIDENT_MESSAGE_CHANNELS,
  RESIDENT_MESSAGE_KINDS,
  type ResidentMessageChannel,
  type ResidentMessageKind,
} from '../common/resident-messages.js';
import { type IceServer, isTurnServer, ZIceServers } from '../common/video.js';

// The only reader of process.env. Every value is validated at start-up; a bad value stops
// the process with one clear line per problem rather than failing later at first use.

const booleanish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A GOV.UK Notify template id, as its Templates page shows it. */
const notifyTemplate = z.string().regex(UUID, 'must be a Notify template id (a uuid)').optional();

/** ICE_SERVERS: JSON, checked at start so a typo stops the start rather than every call. */
const iceServers = z
  .string()
  .default('[]')
  .transform((text, ctx): IceServer[] => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON: a list of {"urls", "username", "credential"}' });
      return z.NEVER;
    }
    const parsed = ZIceServers.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      ctx.addIssue({ code: 'custom', message: `${issue?.path.join('.') || 'list'}: ${issue?.message}` });
      return z.NEVER;
    }
    return parsed.data;
  });

const isBase64Key = (v: string) => /^[A-Za-z0-9+/]{43}=$/.test(v) && Buffer.from(v, 'base64').length === 32;
/** An AES-256 key as `openssl rand -base64 32` prints it. */
const base64Key = z.string().refine(isBase64Key, 'must be 32 bytes, base64 (openssl rand -base64 32)');

const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** PostgreSQL ≥ 15. When absent, Waymark starts an embedded PostgreSQL under DATA_DIR. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    /** Tests only: run the database tests against this PostgreSQL instead of an embedded one. */
    TEST_DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    /**
     * Port of the embedded PostgreSQL (only used without DATABASE_URL). Unset: 54329, or the next
     * free port when another program (another Waymark) has it.
     */
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    /**
     * As root only: where the embedded PostgreSQL's binaries and data are placed when the
     * `postgres` user it runs as cannot reach them where they are (a checkout in root's home).
     */
    EMBEDDED_PG_STAGING_DIR: z.string().regex(/^\//, 'must be an absolute path').default('/var/lib/waymark'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /**
     * App processes on this machine (node:cluster), one port: one per core uses a multi-core
     * machine. 1 (the default) is one process and no cluster. Each is an instance as far as the
     * architecture goes: its own pool of DATABASE_POOL_SIZE connections, its own in-process caches
     * and rate limits.
     */
    WEB_CONCURRENCY: z.coerce
      .number({ message: 'must be a number of processes' })
      .int('must be a whole number')
      .min(1, 'must be 1 or more')
      .max(32, 'must be at most 32')
      .default(1),
    /**
     * Dashboard sections this process builds from the rollups at once (analytics.service.ts
     * sectionBuilds); more wait their turn. About one per core the process may use.
     */
    ANALYTICS_CONCURRENT_BUILDS: z.coerce
      .number({ message: 'must be a number of sections' })
      .int('must be a whole number')
      .min(1, 'must be 1 or more')
      .max(64, 'must be at most 64')
      .default(2),
    /** Seed the synthetic Northshire demo ICB into an empty database. Defaults to true on the embedded database. */
    SEED_DEMO: booleanish.optional(),
    /** Password given to every demo user (synthetic demo accounts only). */
    DEMO_PASSWORD: z.string().min(12, 'must be at least 12 characters').default('waymark-demo-password'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** `pretty`: readable lines for a terminal; `json`: one JSON object a line, for log collectors. */
    LOG_FORMAT: z.enum(['pretty', 'json'], { message: 'must be pretty or json' }).optional(),
    /** Set the Secure flag (and __Host- prefix) on the session cookie. Defaults to true in production. */
    COOKIE_SECURE: booleanish.optional(),
    /** Trust X-Forwarded-* from a load balancer in front of the app. */
    TRUST_PROXY: booleanish.default(false),
    SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
    /** Self-referrals a resident may send per hour, per address and per phone number or email. */
    SELF_REFERRAL_RATE_LIMIT: z.coerce.number().int().min(1).default(5),
    /** Token requests per minute per address at POST /oauth2/token (system clients). */
    OAUTH_TOKEN_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
    /** FHIR requests per minute per system client (per address before the client is known). */
    FHIR_RATE_LIMIT: z.coerce.number().int().min(1).default(300),
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(12),
    LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).default(5),
    LOCKOUT_MINUTES: z.coerce.number().int().min(1).default(15),
    /**
     * The mail server for outgoing email, e.g. smtp://user:pass@mail.example:587 or
     * smtps://… for TLS from the start. When unset, emails stay in the outbox unsent.
     */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^/\s]+/, 'must be an smtp:// or smtps:// URL')
      .optional(),
    /** The From address of outgoing email. */
    MAIL_FROM: z
      .string()
      .regex(
        /^[^<>@\s]+@[^<>@\s]+$|^[^<>]*<[^<>@\s]+@[^<>@\s]+>$/,
        'must be an email address, optionally as Name <address>',
      )
      .default('Waymark <no-reply@waymark.example>'),
    /** Where people write about the service (accessibility, privacy, problems): shown on the footer pages. */
    SUPPORT_EMAIL: z
      .string()
      .regex(/^[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+$/, 'must be an email address, like support@example.org')
      .default('support@waymark.example'),
    /**
     * The address people use to reach this Waymark, for links in emails (password reset). Never
     * taken from a request's Host header, which anyone can set. Unset: http://localhost:PORT.
     */
    PUBLIC_URL: z
      .string()
      .regex(/^https?:\/\/[^/\s?#]+\/?$/, 'must be the address of the service, like https://waymark.example.org')
      .optional(),
    /** Days without an attended contact before the daily job reminds the worker of an open case. */
    REMINDER_NO_CONTACT_DAYS: z.coerce.number().int().min(1).max(365).default(28),
    /**
     * GOV.UK Notify, for texts and emails to residents: `{key name}-{service id}-{secret}`, as
     * Notify's API integration page gives it. When unset, those messages wait, queued.
     */
    NOTIFY_API_KEY: z
      .string()
      .regex(
        /^.+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
        'must be a GOV.UK Notify API key: the key name, the service id and the secret, joined by hyphens',
      )
      .optional(),
    /** Notify's API address; only tests and NHS Notify-style gateways change it. */
    NOTIFY_BASE_URL: z
      .string()
      .regex(
        /^https?:\/\/[^/\s?#]+\/?$/,
        'must be the address of the Notify API, like https://api.notifications.service.gov.uk',
      )
      .default('https://api.notifications.service.gov.uk'),
    /** The bearer token Notify sends with delivery receipts (set on Notify's callbacks page; at least 10 characters). */
    NOTIFY_CALLBACK_TOKEN: z.string().min(10, 'must be at least 10 characters, as Notify requires').optional(),
    NOTIFY_TEMPLATE_SELF_REFERRAL_CONFIRMATION_SMS: notifyTemplate,
    NOTIFY_TEMPLATE_SELF_REFERRAL_CONFIRMATION_EMAIL: notifyTemplate,
    NOTIFY_TEMPLATE_FIRST_CONTACT_APPOINTMENT_SMS: notifyTemplate,
    NOTIFY_TEMPLATE_FIRST_CONTACT_APPOINTMENT_EMAIL: notifyTemplate,
    NOTIFY_TEMPLATE_CONTACT_REMINDER_SMS: notifyTemplate,
    NOTIFY_TEMPLATE_CONTACT_REMINDER_EMAIL: notifyTemplate,
    NOTIFY_TEMPLATE_SECURE_LINK_SMS: notifyTemplate,
    NOTIFY_TEMPLATE_SECURE_LINK_EMAIL: notifyTemplate,
    NOTIFY_TEMPLATE_SECURE_LINK_CODE_SMS: notifyTemplate,
    NOTIFY_TEMPLATE_SECURE_LINK_CODE_EMAIL: notifyTemplate,
    NOTIFY_TEMPLATE_VIDEO_LINK_SMS: notifyTemplate,
    NOTIFY_TEMPLATE_VIDEO_LINK_EMAIL: notifyTemplate,
    /**
     * The STUN and TURN servers browsers use for video consultations, as RTCPeerConnection's
     * `iceServers` (JSON). Behind NHS firewalls peer-to-peer UDP is often blocked: a TURN server
     * (coturn, on 443 over TLS) relays the encrypted media. Unset: none (same network only).
     */
    ICE_SERVERS: iceServers,
    /**
     * coturn's `static-auth-secret`: TURN servers in ICE_SERVERS without a username then get
     * time-limited credentials per call (the TURN REST API) instead of one fixed password.
     */
    TURN_SHARED_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Where `npm run backup` writes its files. */
    BACKUP_DIR: z.string().min(1).default('backups'),
    /** Encrypts backups (AES-256-GCM): 32 bytes, base64 (`openssl rand -base64 32`). Keep it apart from the backups. */
    BACKUP_ENCRYPTION_KEY: base64Key.optional(),
    /**
     * Encrypts secrets kept at rest that Waymark must read back (TOTP secrets): 32 bytes, base64
     * (`openssl rand -base64 32`). Required in production; elsewhere a key is made once and kept in
     * DATA_DIR/secrets-encryption.key. To rotate, see README "Secrets at rest".
     */
    SECRETS_ENCRYPTION_KEY: base64Key.optional(),
    /** Earlier SECRETS_ENCRYPTION_KEYs, comma-separated: they still open what they sealed until it is sealed again. */
    SECRETS_ENCRYPTION_KEYS_RETIRED: z
      .string()
      .transform((text, ctx) => {
        const keys = text.split(',').map((k) => k.trim());
        if (keys.some((k) => !isBase64Key(k))) {
          ctx.addIssue({ code: 'custom', message: 'must be keys of 32 bytes, base64, separated by commas' });
          return z.NEVER;
        }
        return keys;
      })
      .optional(),
    /**
     * The message back's webhooks (issue 17): endpoints must be https on a public address. This
     * allows http:// and loopback addresses (127.0.0.0/8, ::1, localhost) too, for development and
     * tests only; refused when NODE_ENV is production.
     */
    WEBHOOK_ALLOW_LOOPBACK: booleanish.default(false),
    /**
     * Allows webhook endpoints on private addresses (10/8, 172.16/12, 192.168/16, fc00::/7), e.g. a
     * GP system reached over HSCN. Off by default: a webhook is otherwise a way to reach inside.
     */
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: booleanish.default(false),
    /** Days a secure link to an onward referral (an organisation without accounts) stays usable. */
    ONWARD_LINK_DAYS: z.coerce.number().int().min(1).max(90).default(14),
    /** Days after an onward referral is declined or closed that the organisation still sees the person's details. */
    PARTNER_ACCESS_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production' && !c.SECRETS_ENCRYPTION_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['SECRETS_ENCRYPTION_KEY'],
        message: 'is required in production (openssl rand -base64 32), and must be kept apart from the backups',
      });
    }
    if (c.WEBHOOK_ALLOW_LOOPBACK && c.NODE_ENV === 'production') {
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOK_ALLOW_LOOPBACK'],
        message: 'is for development and tests: a production webhook must be https on a public address',
      });
    }
    // TURN needs credentials: fixed ones in ICE_SERVERS, or the shared secret that makes them.
    const turn = c.ICE_SERVERS.filter(isTurnServer);
    for (const [i, server] of turn.entries()) {
      if ((server.username === undefined) !== (server.credential === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['ICE_SERVERS'],
          message: `TURN server ${i + 1}: give both username and credential, or neither`,
        });
      } else if (server.username === undefined && !c.TURN_SHARED_SECRET) {
        ctx.addIssue({
          code: 'custom',
          path: ['ICE_SERVERS'],
          message: `TURN server ${i + 1} has no credentials: give them, or set TURN_SHARED_SECRET`,
        });
      }
    }
    if (c.TURN_SHARED_SECRET && !turn.some((s) => s.username === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['TURN_SHARED_SECRET'],
        message: 'no TURN server in ICE_SERVERS is without credentials, so none would use it',
      });
    }
  });

const SECRET_KEYS = new Set([
  'DATABASE_URL',
  'TEST_DATABASE_URL',
  'DEMO_PASSWORD',
  'SMTP_URL',
  'NOTIFY_API_KEY',
  'NOTIFY_CALLBACK_TOKEN',
  // TURN credentials
  'ICE_SERVERS',
  'TURN_SHARED_SECRET',
  'BACKUP_ENCRYPTION_KEY',
  'SECRETS_ENCRYPTION_KEY',
  'SECRETS_ENCRYPTION_KEYS_RETIRED',
]);

/** Notify's template id of each kind of resident message and channel, where one is configured. */
export type NotifyTemplateIds = Partial<Record<`${ResidentMessageKind}:${ResidentMessageChannel}`, string>>;

export type Config = z.infer<typeof ConfigSchema> & {
  seedDemo: boolean;
  cookieSecure: boolean;
  /** Pretty in development, JSON in production, unless LOG_FORMAT says otherwise. */
  logFormat: 'pretty' | 'json';
  /** PUBLIC_URL without a trailing slash. */
  publicUrl: string;
  /** The NOTIFY_TEMPLATE_<KIND>_<CHANNEL> settings, by kind and channel. */
  notifyTemplates: NotifyTemplateIds;
};

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * The configuration from the environment. `defaults` replace the schema's own defaults for a
 * script that wants another (the synthetic ICB's `DATA_DIR`); a value in the environment wins.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, defaults: Record<string, string> = {}): Config {
  // Treat empty strings as unset so `PORT= npm start` means "default".
  const cleaned = {
    ...defaults,
    ...Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  };
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const key = String(i.path[0]);
        // Never echo values that may hold credentials.
        const shown = SECRET_KEYS.has(key) ? '' : ` (got ${JSON.stringify(cleaned[key] ?? null)})`;
        return `${i.path.join('.')}: ${i.message}${shown}`;
      }),
    );
  }
  const c = parsed.data;
  return {
    ...c,
    seedDemo: c.SEED_DEMO ?? !c.DATABASE_URL,
    cookieSecure: c.COOKIE_SECURE ?? c.NODE_ENV === 'production',
    logFormat: c.LOG_FORMAT ?? (c.NODE_ENV === 'production' ? 'json' : 'pretty'),
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    notifyTemplates: notifyTemplatesOf(c),
  };
}

function notifyTemplatesOf(c: Record<string, unknown>): NotifyTemplateIds {
  const ids: NotifyTemplateIds = {};
  for (const kind of RESIDENT_MESSAGE_KINDS) {
    for (const channel of RESIDENT_MESSAGE_CHANNELS) {
      const id = c[`NOTIFY_TEMPLATE_${kind.toUpperCase()}_${channel.toUpperCase()}`];
      if (typeof id === 'string') ids[`${kind}:${channel}`] = id.toLowerCase();
    }
  }
  return ids;
}
