import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  coordinator,
  ctx,
  duplicates,
  exportOruk,
  HEADER,
  importCsv,
  importOruk,
  merge,
  orukDocument,
  setUpTransferTests,
  storedService,
} from './test-transfer.js';

// Who may import, export and merge: admins of the ICB only.
setUpTransferTests();

describe('access', () => {
  it('refuses everyone but admins (403), storing nothing', async () => {
    const doc = orukDocument();
    const calls = [
      importOruk([doc], coordinator),
      importCsv(`${HEADER}\n,Org,,Name,,,,,,,,,,,,,,,,,,`, coordinator),
      exportOruk(coordinator),
      duplicates(coordinator),
      merge({ keep_id: randomUUID(), merge_id: randomUUID(), reason: 'x' }, coordinator),
      ctx.app.inject({
        method: 'GET',
        url: '/api/directory/import/csv-template',
        headers: { cookie: coordinator.cookie },
      }),
    ];
    for (const res of await Promise.all(calls)) expect(res.statusCode).toBe(403);
    expect(await storedService(doc.id)).toBeUndefined();
  });
});
