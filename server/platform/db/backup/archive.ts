import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';

// The backup file: a gzip stream of lines — a header (JSON), then each table as a line naming it
// (JSON) followed by its rows in PostgreSQL's COPY text format and a `\.` line (a row can never be
// `\.`: COPY writes a backslash in data as `\\`), then a trailer (JSON) with every table's row
// count. Optionally encrypted with AES-256-GCM under BACKUP_ENCRYPTION_KEY: the file is then
// MAGIC, a 12-byte IV, the ciphertext and the 16-byte authentication tag, so a wrong key or a
// changed byte is refused rather than restored.

export const FORMAT = 'waymark-backup';
export const FORMAT_VERSION = 1;
/** Ends a table's rows. */
export const END_OF_TABLE = '\\.';

export interface BackupHeader {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  createdAt: string;
  server: string;
  /** The schema the data fits: the applied migrations (count, and the last one's hash). */
  migrations: { count: number; last: string | null };
}

export interface TableHeader {
  table: string;
  columns: string[];
}

export interface BackupTrailer {
  end: true;
  /** Rows written per table: a restore checks it loaded exactly these. */
  rows: Record<string, number>;
}

const MAGIC = Buffer.from('WMBKE1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** BACKUP_ENCRYPTION_KEY: 32 bytes, base64. */
export function encryptionKeyOf(base64: string | undefined): Buffer | null {
  if (!base64) return null;
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error('BACKUP_ENCRYPTION_KEY: must be 32 bytes, base64 (openssl rand -base64 32)');
  return key;
}

/** Encrypts what passes through; the tag goes last. */
export function encrypting(key: Buffer): Transform {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  let started = false;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (!started) {
        started = true;
        this.push(Buffer.concat([MAGIC, iv]));
      }
      done(null, cipher.update(chunk));
    },
    flush(done) {
      if (!started) this.push(Buffer.concat([MAGIC, iv]));
      this.push(cipher.final());
      done(null, cipher.getAuthTag());
    },
  });
}

/** Whether a backup file is encrypted, and where its ciphertext lies. */
export async function inspectFile(
  file: string,
): Promise<{ encrypted: false } | { encrypted: true; iv: Buffer; tag: Buffer; start: number; end: number }> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(MAGIC.length + IV_BYTES);
    await handle.read(head, 0, head.length, 0);
    if (!head.subarray(0, MAGIC.length).equals(MAGIC)) return { encrypted: false };
    if (size < head.length + TAG_BYTES) throw new Error('the backup file is cut short');
    const tag = Buffer.alloc(TAG_BYTES);
    await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
    return {
      encrypted: true,
      iv: head.subarray(MAGIC.length),
      tag,
      start: head.length,
      end: size - TAG_BYTES - 1,
    };
  } finally {
    await handle.close();
  }
}

export function decrypting(key: Buffer, iv: Buffer, tag: Buffer): Transform {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, decipher.update(chunk));
    },
    flush(done) {
      try {
        done(null, decipher.final());
      } catch {
        done(
          new Error('the backup cannot be decrypted with BACKUP_ENCRYPTION_KEY (a wrong key, or the file was altered)'),
        );
      }
    },
  });
}
