import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import type { SecretBox } from '../../platform/secret-box.js';
import * as users from '../users/users.service.js';
import { sessions } from './auth.tables.js';

/**
 * Seals again, under the current SECRETS_ENCRYPTION_KEY, every TOTP secret that is plain (stored
 * before encryption) or sealed by a retired key. Run at each start: after a rotation, once it has
 * run on the new key, the retired key can be dropped from SECRETS_ENCRYPTION_KEYS_RETIRED.
 * Each row is compared-and-set, so a user enrolling meanwhile is never overwritten. A secret no
 * key opens (its key was dropped too soon) is counted, not fatal: that user must enrol again.
 */
export async function resealTotpSecrets(
  db: Db,
  box: SecretBox,
): Promise<{ users: number; sessions: number; unreadable: number }> {
  let unreadable = 0;
  /** Sealed again, or null when no key this instance holds opens it (counted, left as it is). */
  const resealed = (stored: string) => {
    try {
      return box.seal(box.open(stored));
    } catch {
      unreadable++;
      return null;
    }
  };

  let sealedUsers = 0;
  for (const row of await users.listTotpSecrets(db)) {
    if (!box.needsResealing(row.secret)) continue;
    const sealed = resealed(row.secret);
    if (sealed && (await users.replaceTotpSecret(db, row.id, row.secret, sealed))) sealedUsers++;
  }

  let sealedSessions = 0;
  const pending = await db
    .select({ id: sessions.id, secret: sessions.pendingTotpSecret })
    .from(sessions)
    .where(isNotNull(sessions.pendingTotpSecret));
  for (const row of pending) {
    if (!row.secret || !box.needsResealing(row.secret)) continue;
    const sealed = resealed(row.secret);
    if (!sealed) continue;
    const updated = await db
      .update(sessions)
      .set({ pendingTotpSecret: sealed })
      .where(and(eq(sessions.id, row.id), eq(sessions.pendingTotpSecret, row.secret)))
      .returning({ id: sessions.id });
    sealedSessions += updated.length;
  }
  return { users: sealedUsers, sessions: sealedSessions, unreadable };
}
