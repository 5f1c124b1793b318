import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import './pg-boss-settle.js';

const require = createRequire(import.meta.url);
const Manager = require('pg-boss/src/manager.js') as { prototype: object };

const JOB = '0b9d4c52-5a0e-4bd4-9a55-6d1f8c3e7a11';

/** pg-boss's own Manager, its database replaced by one that answers `executeSql` as given. */
function managerWith(executeSql: () => Promise<unknown>) {
  const errors: string[] = [];
  const manager = Object.assign(Object.create(Manager.prototype), {
    db: { executeSql },
    completeJobsCommand: 'complete',
    failJobsByIdCommand: 'fail',
    emit: (event: string, error: Error) => errors.push(`${event}: ${error.message}`),
  }) as {
    complete(name: string, ids: string[]): Promise<unknown>;
    fail(name: string, ids: string[], data: unknown): Promise<unknown>;
  };
  return { manager, errors };
}

describe('pg-boss settling a job it ran', () => {
  it('reports a failure to record the outcome (the database gone) as an error event, never a rejection', async () => {
    const { manager, errors } = managerWith(async () => {
      throw new Error('terminating connection due to unexpected postmaster exit');
    });
    await expect(manager.fail('analytics.refresh', [JOB], new Error('handler failed'))).resolves.toBeNull();
    await expect(manager.complete('analytics.refresh', [JOB])).resolves.toBeNull();
    expect(errors).toEqual([
      'error: terminating connection due to unexpected postmaster exit',
      'error: terminating connection due to unexpected postmaster exit',
    ]);
  });

  it('answers as pg-boss does when the outcome is recorded', async () => {
    const { manager, errors } = managerWith(async () => ({ rows: [{ count: '1' }] }));
    await expect(manager.complete('analytics.refresh', [JOB])).resolves.toEqual({
      jobs: [JOB],
      requested: 1,
      affected: 1,
    });
    expect(errors).toEqual([]);
  });
});
