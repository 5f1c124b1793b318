import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { type BackupHeader, type BackupTrailer, END_OF_TABLE, encrypting, FORMAT, FORMAT_VERSION } from './archive.js';
import { migrationLevel, quoteIdent, tablesInLoadOrder } from './schema-order.js';

// `npm run backup`: every table of the database in one consistent snapshot (a REPEATABLE READ,
// READ ONLY transaction), streamed through COPY into a gzip file, optionally encrypted. A logical
// backup in Waymark's own format, because the embedded PostgreSQL ships no pg_dump and a
// system pg_dump older than the server cannot read it; the schema itself is the migrations.

export interface BackupResult {
  file: string;
  rows: Record<string, number>;
  encrypted: boolean;
}

export async function writeBackup(url: string, file: string, key: Buffer | null): Promise<BackupResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const body = new PassThrough();
  const written = pipeline([
    body,
    createGzip(),
    ...(key ? [encrypting(key)] : []),
    createWriteStream(file, { flags: 'wx', mode: 0o600 }),
  ]);
  // A failure of the file (disk full) must end the copy too, not leave it waiting on 'drain'.
  const failed = written.catch((err: unknown) => err);
  const put = async (data: string | Buffer) => {
    if (!body.write(data)) await Promise.race([once(body, 'drain'), failed.then((err) => Promise.reject(err))]);
  };
  const rows: Record<string, number> = {};
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows: version } = await client.query<{ v: string }>('SELECT version() AS v');
    const header: BackupHeader = {
      format: FORMAT,
      version: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      server: version[0]?.v ?? '',
      migrations: await migrationLevel(client),
    };
    await put(`${JSON.stringify(header)}\n`);
    for (const table of await tablesInLoadOrder(client)) {
      await put(`${JSON.stringify({ table: table.name, columns: table.columns })}\n`);
      const columns = table.columns.map(quoteIdent).join(', ');
      const copy = client.query(copyTo(`COPY (SELECT ${columns} FROM ${quoteIdent(table.name)}) TO STDOUT`));
      let count = 0;
      for await (const chunk of copy as AsyncIterable<Buffer>) {
        for (const byte of chunk) if (byte === 10) count++;
        await put(chunk);
      }
      rows[table.name] = count;
      await put(`${END_OF_TABLE}\n`);
    }
    await client.query('COMMIT');
    const trailer: BackupTrailer = { end: true, rows };
    body.end(`${JSON.stringify(trailer)}\n`);
    await written;
    return { file, rows, encrypted: key !== null };
  } catch (err) {
    body.destroy();
    await written.catch(() => {});
    await rm(file, { force: true }); // no half a backup left to be mistaken for one
    throw err;
  } finally {
    await client.end();
  }
}
