import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/database.js';
import { unexpectedWrites } from './verdicts.js';
import { installWriteLog } from './write-log.js';

// The write log the route fuzzing reads to prove that a refused request changed nothing: it must
// see every committed write, at once, and nothing that rolled back; and the rule that reads it
// must let through only the writes a refusal may make.

const database = await createTestDatabase();
const log = await installWriteLog(database.pool);
const { pool } = database;

describe('the write log', () => {
  it('watches every table of the schema', () => {
    expect(log.tables).toEqual(expect.arrayContaining(['public.referrals', 'public.audit_events', 'public.sessions']));
    expect(log.tables.length).toBeGreaterThan(40);
  });

  it('sees a committed insert, update and delete as soon as they commit, those made by triggers too, and each only once', async () => {
    await log.drain();
    const [icb] = (await pool.query(`INSERT INTO icbs (code, name) VALUES ('QZZ', 'Write log ICB') RETURNING id`)).rows;
    await pool.query(`UPDATE icbs SET name = 'Renamed' WHERE id = $1`, [icb.id]);
    // A new ICB gets its supervision targets (and more) from triggers.
    await pool.query(`DELETE FROM supervision_targets WHERE icb_id = $1`, [icb.id]);
    const writes = await log.drain();
    expect(writes.filter((w) => w.table === 'public.icbs').map((w) => w.op)).toEqual(['INSERT', 'UPDATE']);
    const targets = writes.filter((w) => w.table === 'public.supervision_targets').map((w) => w.op);
    expect(targets).toContain('INSERT');
    expect(targets.at(-1)).toBe('DELETE');
    expect(writes.find((w) => w.op === 'UPDATE')).toMatchObject({
      row: { name: 'Renamed' },
      old: { name: 'Write log ICB' },
    });
    expect(await log.drain()).toEqual([]);
  });

  it('sees nothing of a write that rolled back', async () => {
    await log.drain();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`INSERT INTO icbs (code, name) VALUES ('QZY', 'Rolled back')`);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(await log.drain()).toEqual([]);
  });
});

describe('what a refused request may write', () => {
  it('an audit row of the refusal, never of a success', async () => {
    await log.drain();
    const audit = (outcome: string) =>
      pool.query(
        `INSERT INTO audit_events (at, action, outcome, details, prev_hash, hash)
         VALUES (now(), 'access.denied', $1, '{}', 'x', md5(random()::text))`,
        [outcome],
      );
    await audit('denied');
    await audit('success');
    const unexpected = unexpectedWrites(await log.drain(), 'POST /api/referrals');
    expect(unexpected).toEqual([
      expect.objectContaining({ table: 'public.audit_events', row: expect.objectContaining({ outcome: 'success' }) }),
    ]);
  });

  it('a wrong password counted only where a password is checked; any other change of the account is a finding', async () => {
    const icb = (await pool.query(`INSERT INTO icbs (code, name) VALUES ('QZX', 'Accounts') RETURNING id`)).rows[0];
    const user = (
      await pool.query(
        `INSERT INTO users (email, name, role, password_hash, icb_id)
         VALUES ('write-log@example.org', 'Write Log', 'admin', 'x', $1) RETURNING id`,
        [icb.id],
      )
    ).rows[0];
    await log.drain();
    await pool.query('UPDATE users SET failed_sign_ins = failed_sign_ins + 1 WHERE id = $1', [user.id]);
    const counted = await log.drain();
    expect(unexpectedWrites(counted, 'POST /api/auth/sign-in')).toEqual([]);
    expect(unexpectedWrites(counted, 'PATCH /api/admin/users/:id')).toHaveLength(1);
    await pool.query(`UPDATE users SET name = 'Changed' WHERE id = $1`, [user.id]);
    expect(unexpectedWrites(await log.drain(), 'POST /api/auth/sign-in')).toHaveLength(1);
  });
});
