import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

function configErrorOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      NODE_ENV: 'development',
      DATA_DIR: './data',
      EMBEDDED_PG_STAGING_DIR: '/var/lib/waymark',
      DATABASE_POOL_SIZE: 10,
      LOG_LEVEL: 'info',
      TRUST_PROXY: false,
      SESSION_IDLE_MINUTES: 30,
      SESSION_ABSOLUTE_HOURS: 12,
      LOCKOUT_THRESHOLD: 5,
      LOCKOUT_MINUTES: 15,
      SIGN_IN_RATE_LIMIT: 20,
      ANALYTICS_CONCURRENT_BUILDS: 2,
      DEMO_PASSWORD: 'waymark-demo-password',
      cookieSecure: false,
    });
    expect(c.DATABASE_URL).toBeUndefined();
    // Unset means "54329, or the next free port": a second Waymark on the machine still starts.
    expect(c.EMBEDDED_PG_PORT).toBeUndefined();
  });

  it('seeds the demo by default only on the embedded database', () => {
    expect(loadConfig({}).seedDemo).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db.example:5432/waymark' }).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgresql://db.example/waymark', SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(loadConfig({ SEED_DEMO: 'false' }).seedDemo).toBe(false);
  });

  it('turns on secure cookies in production unless told otherwise', () => {
    const production = { NODE_ENV: 'production', SECRETS_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') };
    expect(loadConfig(production).cookieSecure).toBe(true);
    expect(loadConfig(production).logFormat).toBe('json');
    expect(loadConfig({ NODE_ENV: 'development' }).logFormat).toBe('pretty');
    expect(loadConfig({ NODE_ENV: 'development', LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT: must be pretty or json/);
    expect(loadConfig({ ...production, COOKIE_SECURE: 'false' }).cookieSecure).toBe(false);
    expect(loadConfig({ COOKIE_SECURE: 'yes' }).cookieSecure).toBe(true);
  });

  it('keeps message back webhooks on https and public addresses unless told otherwise; never loopback in production', () => {
    expect(loadConfig({})).toMatchObject({ WEBHOOK_ALLOW_LOOPBACK: false, WEBHOOK_ALLOW_PRIVATE_NETWORKS: false });
    expect(loadConfig({ WEBHOOK_ALLOW_LOOPBACK: 'true' }).WEBHOOK_ALLOW_LOOPBACK).toBe(true);
    expect(() => loadConfig({ NODE_ENV: 'production', WEBHOOK_ALLOW_LOOPBACK: 'true' })).toThrow(
      /WEBHOOK_ALLOW_LOOPBACK: is for development and tests/,
    );
    expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'maybe' })).toThrow(/WEBHOOK_ALLOW_PRIVATE_NETWORKS/);
  });

  it('reads numbers from strings and treats an empty value as unset', () => {
    expect(loadConfig({ PORT: '8080', DATABASE_POOL_SIZE: '25' })).toMatchObject({
      PORT: 8080,
      DATABASE_POOL_SIZE: 25,
    });
    expect(loadConfig({ PORT: '', LOG_LEVEL: '' })).toMatchObject({ PORT: 3000, LOG_LEVEL: 'info' });
  });

  it("takes a script's own defaults, which the environment overrides (an empty value does not)", () => {
    expect(loadConfig({}, { DATA_DIR: 'data-icb' }).DATA_DIR).toBe('data-icb');
    expect(loadConfig({ DATA_DIR: 'elsewhere' }, { DATA_DIR: 'data-icb' }).DATA_DIR).toBe('elsewhere');
    expect(loadConfig({ DATA_DIR: '' }, { DATA_DIR: 'data-icb' }).DATA_DIR).toBe('data-icb');
    expect(loadConfig({}).DATA_DIR).not.toBe('data-icb');
  });

  it('lists every bad value, each with its key and reason, in one error', () => {
    const err = configErrorOf({
      PORT: 'abc',
      DATABASE_URL: 'mysql://root:hunter2@db.internal/waymark',
      LOG_LEVEL: 'loud',
    });
    expect(err.problems).toHaveLength(3);
    const byKey = Object.fromEntries(err.problems.map((p) => [p.split(':')[0], p]));
    expect(Object.keys(byKey).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
    expect(byKey.PORT).toMatch(/number/i);
    expect(byKey.PORT).toContain('"abc"');
    expect(byKey.DATABASE_URL).toContain('must be a postgres:// or postgresql:// URL');
    expect(byKey.LOG_LEVEL).toMatch(/info/); // names the allowed levels
    expect(byKey.LOG_LEVEL).toContain('"loud"');
    // One line per problem in the message printed at start-up.
    expect(err.message.split('\n')).toEqual(['Invalid configuration:', ...err.problems.map((p) => `  - ${p}`)]);
  });

  it('never echoes a database URL or the demo password, even when it is the bad value', () => {
    const secretUrl = 'mysql://root:hunter2@db.internal/waymark';
    const err = configErrorOf({
      DATABASE_URL: secretUrl,
      TEST_DATABASE_URL: 'http://ci:s3cret@pg.internal/test',
      DEMO_PASSWORD: 'short-pw',
    });
    expect(err.problems).toHaveLength(3);
    for (const leaked of [secretUrl, 'hunter2', 's3cret', 'short-pw', 'db.internal', 'pg.internal']) {
      expect(err.message).not.toContain(leaked);
    }
    expect(err.message).toContain('DEMO_PASSWORD: must be at least 12 characters');
  });

  it('refuses out-of-range numbers', () => {
    const err = configErrorOf({
      PORT: '70000',
      EMBEDDED_PG_PORT: '0',
      DATABASE_POOL_SIZE: '1.5',
      SESSION_IDLE_MINUTES: '-1',
    });
    expect(err.problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'DATABASE_POOL_SIZE',
      'EMBEDDED_PG_PORT',
      'PORT',
      'SESSION_IDLE_MINUTES',
    ]);
  });

  it('reads the mail settings: SMTP_URL optional and never echoed, MAIL_FROM an address', () => {
    expect(loadConfig({}).SMTP_URL).toBeUndefined();
    expect(loadConfig({}).MAIL_FROM).toBe('Waymark <no-reply@waymark.example>');
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'team@pcn.example' })).toMatchObject({
      SMTP_URL: 'smtp://127.0.0.1:2525',
      MAIL_FROM: 'team@pcn.example',
    });
    const err = configErrorOf({ SMTP_URL: 'http://mailer:pa55word@mail.internal', MAIL_FROM: 'Waymark <nobody>' });
    expect(err.problems.map((p) => p.split(':')[0]).sort()).toEqual(['MAIL_FROM', 'SMTP_URL']);
    expect(err.message).toContain('must be an smtp:// or smtps:// URL');
    expect(err.message).not.toContain('pa55word');
    expect(err.message).not.toContain('mail.internal');
  });

  it('reads SUPPORT_EMAIL as a plain address and names it when it is not one', () => {
    expect(loadConfig({}).SUPPORT_EMAIL).toBe('support@waymark.example');
    expect(loadConfig({ SUPPORT_EMAIL: 'help@icb.example' }).SUPPORT_EMAIL).toBe('help@icb.example');
    const err = configErrorOf({ SUPPORT_EMAIL: 'Help <help@icb.example>' });
    expect(err.problems).toEqual([
      'SUPPORT_EMAIL: must be an email address, like support@example.org (got "Help <help@icb.example>")',
    ]);
  });

  it('reads PUBLIC_URL without its trailing slash, defaulting to this port on localhost', () => {
    expect(loadConfig({ PORT: '4100' }).publicUrl).toBe('http://localhost:4100');
    expect(loadConfig({ PUBLIC_URL: 'https://waymark.icb.example/' }).publicUrl).toBe('https://waymark.icb.example');
    const err = configErrorOf({ PUBLIC_URL: 'https://waymark.icb.example/app?x=1' });
    expect(err.problems[0]).toMatch(/^PUBLIC_URL: must be the address of the service/);
  });

  it('takes the dashboard sections built at once as a whole number from 1, naming the setting and why', () => {
    expect(loadConfig({ ANALYTICS_CONCURRENT_BUILDS: '4' }).ANALYTICS_CONCURRENT_BUILDS).toBe(4);
    for (const [value, reason] of [
      ['0', 'must be 1 or more'],
      ['1.5', 'must be a whole number'],
      ['many', 'must be a number of sections'],
    ]) {
      expect(configErrorOf({ ANALYTICS_CONCURRENT_BUILDS: value }).problems).toEqual([
        `ANALYTICS_CONCURRENT_BUILDS: ${reason} (got "${value}")`,
      ]);
    }
  });

  it('refuses a yes/no setting that is neither', () => {
    const err = configErrorOf({ SEED_DEMO: 'maybe', TRUST_PROXY: 'sometimes' });
    expect(err.problems.map((p) => p.split(':')[0]).sort()).toEqual(['SEED_DEMO', 'TRUST_PROXY']);
  });

  describe('GOV.UK Notify', () => {
    // Synthetic: a made-up service id and secret in Notify's key format.
    const KEY = 'waymark_live-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0';

    it('is off by default: no key, production address, no templates', () => {
      const c = loadConfig({});
      expect(c.NOTIFY_API_KEY).toBeUndefined();
      expect(c.NOTIFY_BASE_URL).toBe('https://api.notifications.service.gov.uk');
      expect(c.notifyTemplates).toEqual({});
    });

    it('maps each NOTIFY_TEMPLATE_<KIND>_<CHANNEL> to its kind and channel', () => {
      const c = loadConfig({
        NOTIFY_API_KEY: KEY,
        NOTIFY_TEMPLATE_CONTACT_REMINDER_SMS: 'A1B2C3D4-0000-4000-8000-000000000001',
        NOTIFY_TEMPLATE_SELF_REFERRAL_CONFIRMATION_EMAIL: 'a1b2c3d4-0000-4000-8000-000000000002',
      });
      expect(c.notifyTemplates).toEqual({
        'contact_reminder:sms': 'a1b2c3d4-0000-4000-8000-000000000001',
        'self_referral_confirmation:email': 'a1b2c3d4-0000-4000-8000-000000000002',
      });
    });

    it('refuses a malformed key, template id or callback token, never echoing the secrets', () => {
      const secretKey = 'waymark-not-a-notify-key-0123456789';
      const err = configErrorOf({
        NOTIFY_API_KEY: secretKey,
        NOTIFY_TEMPLATE_FIRST_CONTACT_APPOINTMENT_SMS: 'template-one',
        NOTIFY_CALLBACK_TOKEN: 'short9',
      });
      expect(err.problems).toEqual([
        expect.stringMatching(/^NOTIFY_API_KEY: must be a GOV.UK Notify API key/),
        expect.stringMatching(/^NOTIFY_CALLBACK_TOKEN: must be at least 10 characters/),
        expect.stringMatching(
          /^NOTIFY_TEMPLATE_FIRST_CONTACT_APPOINTMENT_SMS: must be a Notify template id.*template-one/,
        ),
      ]);
      expect(err.message).not.toContain(secretKey);
      expect(err.message).not.toContain('short9');
    });
  });

  it('BACKUP_ENCRYPTION_KEY must be 32 bytes in base64, and is never echoed', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ BACKUP_ENCRYPTION_KEY: key }).BACKUP_ENCRYPTION_KEY).toBe(key);
    const err = configErrorOf({ BACKUP_ENCRYPTION_KEY: 'c2hvcnQta2V5' });
    expect(err.problems).toEqual(['BACKUP_ENCRYPTION_KEY: must be 32 bytes, base64 (openssl rand -base64 32)']);
    expect(err.message).not.toContain('c2hvcnQta2V5');
  });

  describe('SECRETS_ENCRYPTION_KEY (secrets at rest)', () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    const old = Buffer.alloc(32, 8).toString('base64');

    it('is required in production, and never echoed when wrong', () => {
      expect(configErrorOf({ NODE_ENV: 'production' }).problems).toEqual([
        'SECRETS_ENCRYPTION_KEY: is required in production (openssl rand -base64 32), and must be kept apart from the backups',
      ]);
      expect(loadConfig({}).SECRETS_ENCRYPTION_KEY).toBeUndefined();
      const err = configErrorOf({ SECRETS_ENCRYPTION_KEY: 'c2hvcnQta2V5' });
      expect(err.problems).toEqual(['SECRETS_ENCRYPTION_KEY: must be 32 bytes, base64 (openssl rand -base64 32)']);
      expect(err.message).not.toContain('c2hvcnQta2V5');
    });

    it('takes retired keys as a comma-separated list of keys', () => {
      expect(
        loadConfig({ SECRETS_ENCRYPTION_KEY: key, SECRETS_ENCRYPTION_KEYS_RETIRED: `${old}, ${key}` })
          .SECRETS_ENCRYPTION_KEYS_RETIRED,
      ).toEqual([old, key]);
      const err = configErrorOf({ SECRETS_ENCRYPTION_KEYS_RETIRED: `${old},nope` });
      expect(err.problems).toEqual([
        'SECRETS_ENCRYPTION_KEYS_RETIRED: must be keys of 32 bytes, base64, separated by commas',
      ]);
      expect(err.message).not.toContain(old);
    });
  });

  describe('ICE_SERVERS (video consultations)', () => {
    it('is an empty list by default, and reads STUN and TURN servers from JSON', () => {
      expect(loadConfig({}).ICE_SERVERS).toEqual([]);
      const servers = [
        { urls: 'stun:turn.example.org:3478' },
        { urls: ['turns:turn.example.org:443?transport=tcp'], username: 'waymark', credential: 'synthetic-secret' },
      ];
      expect(loadConfig({ ICE_SERVERS: JSON.stringify(servers) }).ICE_SERVERS).toEqual(servers);
    });

    it('refuses text that is not JSON, and servers that are not STUN or TURN, never echoing credentials', () => {
      expect(configErrorOf({ ICE_SERVERS: '[{urls:' }).problems).toEqual([
        expect.stringMatching(/^ICE_SERVERS: must be JSON/),
      ]);
      const err = configErrorOf({
        ICE_SERVERS: JSON.stringify([{ urls: 'https://turn.example.org', credential: 'synthetic-secret' }]),
      });
      expect(err.problems).toEqual([
        expect.stringMatching(/^ICE_SERVERS: 0\.urls: must be stun:, stuns:, turn: or turns:/),
      ]);
      expect(err.message).not.toContain('synthetic-secret');
    });

    it('a TURN server needs credentials: fixed ones, or TURN_SHARED_SECRET to make them (and that needs a TURN server)', () => {
      const bare = JSON.stringify([{ urls: 'turns:turn.example.org:443?transport=tcp' }]);
      expect(configErrorOf({ ICE_SERVERS: bare }).problems).toEqual([
        'ICE_SERVERS: TURN server 1 has no credentials: give them, or set TURN_SHARED_SECRET',
      ]);
      const half = JSON.stringify([{ urls: 'turn:turn.example.org:3478', username: 'waymark' }]);
      expect(configErrorOf({ ICE_SERVERS: half }).problems).toEqual([
        'ICE_SERVERS: TURN server 1: give both username and credential, or neither',
      ]);
      const secret = 's'.repeat(32);
      expect(loadConfig({ ICE_SERVERS: bare, TURN_SHARED_SECRET: secret }).TURN_SHARED_SECRET).toBe(secret);
      const err = configErrorOf({ ICE_SERVERS: '[{"urls":"stun:turn.example.org"}]', TURN_SHARED_SECRET: secret });
      expect(err.problems).toEqual([
        'TURN_SHARED_SECRET: no TURN server in ICE_SERVERS is without credentials, so none would use it',
      ]);
      expect(configErrorOf({ ICE_SERVERS: bare, TURN_SHARED_SECRET: 'short' }).problems).toEqual([
        'TURN_SHARED_SECRET: must be at least 32 characters',
      ]);
      expect(err.message).not.toContain(secret);
    });
  });
});
