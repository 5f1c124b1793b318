import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestReferral } from '../modules/triage/test-referrals.js';
import { verifyAuditChain, writeAuditAlone } from '../platform/audit/audit.js';
import type { RequestContext } from '../platform/context.js';
import { writeBackup } from '../platform/db/backup/backup.js';
import { RestoreRefused, restoreBackup } from '../platform/db/backup/restore.js';
import { quoteIdent } from '../platform/db/backup/schema-order.js';
import { connectDatabase } from '../platform/db/client.js';
import { projectPath } from '../platform/paths.js';
import { setUpTestApp } from '../test/team.js';

// The backup drill (issue 19, point 4): back up a database with a team, cases and an audit
// chain; restore it into an empty one; the same rows in every table, the chain intact, the
// sequences going on. A database that holds data is refused unless forced; an encrypted backup
// needs its key; a wrong key, a cut file or another schema's backup changes nothing.

const { ctx, tenancy, tom } = setUpTestApp({ team: { tom: 'link_worker' } });
const dir = projectPath('.tmp', `backup-test-${process.pid}-${randomBytes(3).toString('hex')}`);
const adminUrl = () => inject('testDb').adminUrl;
const targets: string[] = [];
const SCRIPT: RequestContext = { actor: null, ip: null, requestId: null };

/** A new, empty database (no schema at all), as a restore would be given. */
async function emptyDatabase(): Promise<string> {
  const name = `waymark_restore_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  targets.push(name);
  const u = new URL(adminUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

/** Every table of the public schema with its row count. */
async function counts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ t: string }>(
      `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    const out: Record<string, number> = {};
    for (const { t } of tables) {
      out[t] = Number((await client.query(`SELECT count(*) AS n FROM ${quoteIdent(t)}`)).rows[0].n);
    }
    return out;
  } finally {
    await client.end();
  }
}

const lastAuditHash = async (url: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query('SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1');
  await client.end();
  return rows[0]?.hash as string | undefined;
};

let source: string;
let plain: string;
beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  source = ctx.database.url;
  for (let i = 0; i < 3; i++) await createTestReferral(ctx.db, tenancy, {});
  // Bigger than a stream's buffer, so that reading a file is not one gulp (the encrypted test needs it).
  await writeAuditAlone(ctx.db, SCRIPT, {
    action: 'test.backup-drill',
    details: { filler: randomBytes(300_000).toString('base64') },
  });
  plain = path.join(dir, 'plain.backup');
  await writeBackup(source, plain, null);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  for (const name of targets) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
  await admin.end();
});

describe('backup and restore', () => {
  it('restores every table’s rows into an empty database, with the audit chain intact and sequences going on', async () => {
    const target = await emptyDatabase();
    const result = await restoreBackup(target, plain, { key: null, force: false });
    const before = await counts(source);
    expect(before.referrals).toBeGreaterThanOrEqual(3);
    expect(before.users).toBeGreaterThanOrEqual(1);
    expect(await counts(target)).toEqual(before);
    expect(result.rows.referrals).toBe(before.referrals);
    expect(await lastAuditHash(target)).toBe(await lastAuditHash(source));

    const restored = connectDatabase(target, 2);
    try {
      expect(await verifyAuditChain(restored.db)).toEqual({ ok: true, checked: before.audit_events });
      // The chain goes on from the restored rows: the next id after the last, and still intact.
      await writeAuditAlone(restored.db, SCRIPT, { action: 'test.after' });
      expect(await verifyAuditChain(restored.db)).toEqual({ ok: true, checked: (before.audit_events ?? 0) + 1 });
    } finally {
      await restored.close();
    }
    // Tom can sign in to the restored copy as to the original (same hash, same account).
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    const { rows } = await client.query('SELECT email FROM users WHERE id = $1', [tom.id]);
    await client.end();
    expect(rows).toEqual([{ email: tom.email }]);
  });

  it('restores as a role that is not a superuser (managed PostgreSQL): keys checked, its tables’ triggers off while loading', async () => {
    const role = `restorer_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    const target = await emptyDatabase();
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
    await admin.query(`ALTER DATABASE ${new URL(target).pathname.slice(1)} OWNER TO ${role}`);
    await admin.end();
    const asRole = new URL(target);
    asRole.username = role;
    asRole.password = password;
    const client = new pg.Client({ connectionString: asRole.toString() });
    await client.connect();
    await client.query(`ALTER SCHEMA public OWNER TO ${role}`).catch(() => {});
    await client.end();

    await restoreBackup(asRole.toString(), plain, { key: null, force: false });
    // The same rows: a new ICB's trigger (its starting team lists) added none of its own.
    expect(await counts(target)).toEqual(await counts(source));
    const check = new pg.Client({ connectionString: asRole.toString() });
    await check.connect();
    const { rows } = await check.query(
      `SELECT count(*)::int AS off FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       WHERE NOT t.tgisinternal AND t.tgenabled = 'D' AND c.relnamespace = 'public'::regnamespace`,
    );
    await check.end();
    expect(rows).toEqual([{ off: 0 }]); // and every trigger is on again
  });

  it('refuses a database that holds data, changing nothing; --force replaces it', async () => {
    const target = await emptyDatabase();
    await restoreBackup(target, plain, { key: null, force: false });
    const held = await counts(target);
    await expect(restoreBackup(target, plain, { key: null, force: false })).rejects.toThrow(
      /already holds data .*add --force to replace everything in it/,
    );
    expect(await counts(target)).toEqual(held);

    await restoreBackup(target, plain, { key: null, force: true });
    expect(await counts(target)).toEqual(await counts(source));
  });

  it('an encrypted backup needs its key: none, a wrong one, or an altered file is refused before anything is touched', async () => {
    const key = randomBytes(32);
    const sealed = path.join(dir, 'sealed.backup');
    await writeBackup(source, sealed, key);
    // Nothing readable in the file: no table name, no email.
    expect(readFileSync(sealed).includes(Buffer.from('referrals'))).toBe(false);

    const target = await emptyDatabase();
    await expect(restoreBackup(target, sealed, { key: null, force: false })).rejects.toThrow(
      /encrypted: set BACKUP_ENCRYPTION_KEY/,
    );
    await expect(restoreBackup(target, sealed, { key: randomBytes(32), force: false })).rejects.toThrow(
      /cannot be decrypted with BACKUP_ENCRYPTION_KEY/,
    );
    // One byte changed deep inside (past the gzip header): the tag check refuses it up front.
    const altered = path.join(dir, 'altered.backup');
    const bytes = readFileSync(sealed);
    bytes[bytes.length - 40] = (bytes[bytes.length - 40] ?? 0) ^ 1;
    writeFileSync(altered, bytes);
    await expect(restoreBackup(target, altered, { key, force: false })).rejects.toThrow(/cannot be decrypted/);
    expect(await counts(target)).toEqual({});
    await restoreBackup(target, sealed, { key, force: false });
    expect(await counts(target)).toEqual(await counts(source));
  });

  it('a cut file, or a backup of another schema, is refused and leaves no data behind', async () => {
    const bytes = readFileSync(plain);
    const cut = path.join(dir, 'cut.backup');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const target = await emptyDatabase();
    await expect(restoreBackup(target, cut, { key: null, force: false })).rejects.toThrow();
    expect((await counts(target)).referrals ?? 0).toBe(0);
    expect((await counts(target)).users ?? 0).toBe(0);

    const other = path.join(dir, 'other.backup');
    const header = {
      format: 'waymark-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      server: 'PostgreSQL',
      migrations: { count: 3, last: 'an-older-schema' },
    };
    writeFileSync(other, gzipSync(`${JSON.stringify(header)}\n${JSON.stringify({ end: true, rows: {} })}\n`));
    const error = await restoreBackup(target, other, { key: null, force: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreRefused);
    expect(String(error)).toMatch(/made at migration 3, this Waymark is at \d+: restore it with the version/);
  });
});
