import { once } from 'node:events';
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Readable, Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { MIGRATIONS_DIR, migrateDatabase } from '../migrate.js';
import {
  type BackupHeader,
  type BackupTrailer,
  decrypting,
  END_OF_TABLE,
  FORMAT,
  FORMAT_VERSION,
  inspectFile,
  type TableHeader,
} from './archive.js';
import { migrationLevel, quoteIdent, tablesInLoadOrder } from './schema-order.js';

// `npm run restore -- FILE`: into an empty database only (unless forced, which replaces
// everything in it). The schema comes from the migrations — the backup must have been made at
// the same migration as this Waymark — then every table's rows are copied in, in one transaction
// that also checks each table's count against the backup's trailer: all of it, or nothing.

export class RestoreRefused extends Error {}

export interface RestoreResult {
  rows: Record<string, number>;
  header: BackupHeader;
}

/** Tables the migrations themselves fill (reference data): a database holding only those is empty. */
function migrationFilledTables(): Set<string> {
  const names = new Set<string>();
  for (const file of readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql'))) {
    for (const m of readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8').matchAll(/INSERT INTO "?([a-z_0-9]+)"?/g)) {
      names.add(m[1] as string);
    }
  }
  return names;
}

async function tablesWithRows(client: pg.ClientBase): Promise<string[]> {
  const held: string[] = [];
  for (const t of await tablesInLoadOrder(client)) {
    const { rows } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quoteIdent(t.name)}) AS any`);
    if (rows[0]?.any) held.push(t.name);
  }
  return held;
}

async function openLines(file: string, key: Buffer | null): Promise<AsyncIterator<string>> {
  const info = await inspectFile(file);
  let source: Readable;
  if (info.encrypted) {
    if (!key)
      throw new RestoreRefused('The backup is encrypted: set BACKUP_ENCRYPTION_KEY to the key it was made with.');
    // The whole file is authenticated first: a wrong key or an altered byte is refused before
    // the database is touched, not half-way through loading it.
    await pipeline(
      createReadStream(file, { start: info.start, end: info.end }),
      decrypting(key, info.iv, info.tag),
      new Writable({ write: (_chunk, _enc, done) => done() }),
    ).catch((err: unknown) => {
      throw new RestoreRefused(err instanceof Error ? err.message : String(err));
    });
    source = createReadStream(file, { start: info.start, end: info.end }).pipe(decrypting(key, info.iv, info.tag));
  } else {
    source = createReadStream(file);
  }
  return linesOf(source.pipe(createGunzip()), source)[Symbol.asyncIterator]();
}

/**
 * The lines of a stream (without their newline). An error anywhere in the chain — a wrong key, a
 * cut file — ends the reading with it (readline would wait for ever on an input that failed).
 */
async function* linesOf(stream: Readable, upstream: Readable): AsyncGenerator<string> {
  const failed = new Promise<never>((_, reject) => upstream.once('error', reject));
  failed.catch(() => {}); // observed below, through the race
  const decoder = new StringDecoder('utf8');
  const chunks = stream[Symbol.asyncIterator]();
  let pending = '';
  for (;;) {
    const next = await Promise.race([chunks.next(), failed]);
    if (next.done) break;
    pending += decoder.write(next.value as Buffer);
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    yield* lines;
  }
  pending += decoder.end();
  if (pending) yield pending;
}

async function nextLine(lines: AsyncIterator<string>, what: string): Promise<string> {
  const next = await lines.next();
  if (next.done) throw new RestoreRefused(`The backup file ends too early (expected ${what}): it is cut short.`);
  return next.value;
}

export async function restoreBackup(
  url: string,
  file: string,
  options: { key: Buffer | null; force: boolean },
): Promise<RestoreResult> {
  const lines = await openLines(file, options.key);
  const header = JSON.parse(await nextLine(lines, 'the header')) as BackupHeader;
  if (header.format !== FORMAT || header.version !== FORMAT_VERSION) {
    throw new RestoreRefused(`This is not a Waymark backup (format ${FORMAT} version ${FORMAT_VERSION}).`);
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const reference = migrationFilledTables();
    const held = (await tablesWithRows(client)).filter((t) => !reference.has(t));
    if (held.length > 0) {
      if (!options.force) {
        throw new RestoreRefused(
          `The database already holds data (in ${held.length} tables, such as ${held.slice(0, 3).join(', ')}): ` +
            'restore into an empty database, or add --force to replace everything in it.',
        );
      }
      await client.query('DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    }
    await migrateDatabase(url);
    const level = await migrationLevel(client);
    if (level.count !== header.migrations.count || level.last !== header.migrations.last) {
      throw new RestoreRefused(
        `The backup was made at migration ${header.migrations.count}, this Waymark is at ${level.count}: ` +
          'restore it with the version of Waymark that made it, then upgrade.',
      );
    }
    const loaded: Record<string, number> = {};
    await client.query('BEGIN');
    try {
      // The rows go in as they were: no trigger may add to them (a new ICB's starting lists) or
      // refuse them. A superuser loads as a replica (keys and triggers unchecked); any other role
      // (managed PostgreSQL) owns the tables it just migrated, so it switches their own triggers
      // off for this transaction, and every key is checked, in the backup's parents-first order.
      await client.query('SAVEPOINT replica');
      const triggersOff = await client.query('SET LOCAL session_replication_role = replica').then(
        async () => {
          await client.query('RELEASE SAVEPOINT replica');
          return [];
        },
        async () => {
          await client.query('ROLLBACK TO SAVEPOINT replica');
          const tables = (await tablesInLoadOrder(client)).map((t) => t.name);
          for (const t of tables) await client.query(`ALTER TABLE ${quoteIdent(t)} DISABLE TRIGGER USER`);
          return tables;
        },
      );
      // The reference rows the migrations just wrote give way to the backup's own.
      for (const table of [...reference].reverse()) {
        await client.query(`DELETE FROM ${quoteIdent(table)}`).catch((err: unknown) => {
          if ((err as { code?: string }).code !== '42P01') throw err; // a table since dropped
        });
      }
      for (;;) {
        const line = await nextLine(lines, 'a table or the trailer');
        const item = JSON.parse(line) as TableHeader | BackupTrailer;
        if ('end' in item) {
          for (const [table, n] of Object.entries(item.rows)) {
            if (loaded[table] !== n) {
              throw new RestoreRefused(`Table ${table}: the backup lists ${n} rows, ${loaded[table] ?? 0} were read.`);
            }
          }
          break;
        }
        const columns = item.columns.map(quoteIdent).join(', ');
        const copy = client.query(copyFrom(`COPY ${quoteIdent(item.table)} (${columns}) FROM STDIN`));
        let count = 0;
        try {
          for (;;) {
            const row = await nextLine(lines, `the rows of ${item.table}`);
            if (row === END_OF_TABLE) break;
            count++;
            if (!copy.write(`${row}\n`)) await once(copy, 'drain');
          }
        } catch (err) {
          // Abandon the COPY (CopyFail), or the connection would wait in it for ever.
          copy.destroy(err as Error);
          await finished(copy).catch(() => {});
          throw err;
        }
        copy.end();
        await finished(copy);
        loaded[item.table] = count;
      }
      // Sequences go on from the highest id restored.
      const { rows: serials } = await client.query<{ seq: string; tbl: string; col: string }>(`
        SELECT pg_get_serial_sequence(format('%I', c.relname), a.attname) AS seq, c.relname AS tbl, a.attname AS col
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE c.relkind = 'r' AND pg_get_serial_sequence(format('%I', c.relname), a.attname) IS NOT NULL`);
      for (const s of serials) {
        await client.query(
          `SELECT setval($1, COALESCE(m, 1), m IS NOT NULL) FROM (SELECT max(${quoteIdent(s.col)}) AS m FROM ${quoteIdent(s.tbl)}) t`,
          [s.seq],
        );
      }
      for (const t of triggersOff) await client.query(`ALTER TABLE ${quoteIdent(t)} ENABLE TRIGGER USER`);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    }
    return { rows: loaded, header };
  } finally {
    await client.end();
  }
}
