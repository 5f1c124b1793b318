import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// Secrets Waymark must read back (TOTP secrets) are kept encrypted at rest with AES-256-GCM under
// SECRETS_ENCRYPTION_KEY, so a copy of the database (a backup, a replica, a stolen disk) does not
// give anyone the second factor of an administrator. Stored form:
//   enc:v1:<key id>:<base64url of iv (12 bytes) | tag (16 bytes) | ciphertext>
// The key id (the first 8 hex digits of the key's SHA-256) says which key sealed a value, so a key
// can be rotated: the new key seals, retired keys still open, and a sweep reseals what they opened.

const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

/** A 32-byte key from its base64 text, or a clear error naming the setting. */
export function secretsKeyOf(base64: string, setting: string): Buffer {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${setting}: must be 32 bytes, base64 (openssl rand -base64 32)`);
  return key;
}

export class SecretBox {
  readonly currentKeyId: string;
  private readonly keys: Map<string, Buffer>;

  constructor(current: Buffer, retired: Buffer[] = []) {
    this.currentKeyId = keyIdOf(current);
    this.keys = new Map([...retired.map((k) => [keyIdOf(k), k] as const), [this.currentKeyId, current]]);
  }

  seal(plain: string): string {
    const key = this.keys.get(this.currentKeyId) as Buffer;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${PREFIX}${this.currentKeyId}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  /**
   * The plain secret. A value without the prefix is one stored before encryption existed (or by a
   * test fixture): it is returned as it is, and `needsResealing` says so for the sweep.
   */
  open(stored: string): string {
    if (!stored.startsWith(PREFIX)) return stored;
    const [keyId, packed] = stored.slice(PREFIX.length).split(':');
    const key = keyId ? this.keys.get(keyId) : undefined;
    if (!key || !packed) {
      throw new Error(
        `a secret was sealed with key ${keyId}, which is neither SECRETS_ENCRYPTION_KEY nor among SECRETS_ENCRYPTION_KEYS_RETIRED`,
      );
    }
    const bytes = Buffer.from(packed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  /** Plain, or sealed by a retired key: the sweep seals it again under the current key. */
  needsResealing(stored: string): boolean {
    return !stored.startsWith(`${PREFIX}${this.currentKeyId}:`);
  }
}

/** The box of a configuration whose SECRETS_ENCRYPTION_KEY is set (main.ts makes sure it is). */
export function secretBoxOf(config: {
  SECRETS_ENCRYPTION_KEY?: string | undefined;
  SECRETS_ENCRYPTION_KEYS_RETIRED?: string[] | undefined;
}): SecretBox {
  if (!config.SECRETS_ENCRYPTION_KEY) throw new Error('SECRETS_ENCRYPTION_KEY: not set');
  return new SecretBox(
    secretsKeyOf(config.SECRETS_ENCRYPTION_KEY, 'SECRETS_ENCRYPTION_KEY'),
    (config.SECRETS_ENCRYPTION_KEYS_RETIRED ?? []).map((k) => secretsKeyOf(k, 'SECRETS_ENCRYPTION_KEYS_RETIRED')),
  );
}
