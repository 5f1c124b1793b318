import { createRequire } from 'node:module';

// pg-boss 10 settles a job it ran (complete, or fail when the handler threw) without waiting for
// the promise: when the database goes away at that moment (a restart, a failover, the embedded
// PostgreSQL killed), the rejection is unhandled and Node ends the whole app — the fault tests
// found it (server/faults). Settling is wrapped here so that such a failure is reported on the
// boss's 'error' event (jobs.ts logs it) instead. The job stays active and pg-boss expires and
// retries it, as after any crash of the instance running it. pg-boss 11 awaits it, but needs
// Node 22.
const require = createRequire(import.meta.url);
const Manager = require('pg-boss/src/manager.js') as {
  prototype: Record<string, unknown> & { emit(event: string, error: unknown): void };
};

const WRAPPED = Symbol.for('waymark.pg-boss-settle');

for (const method of ['complete', 'fail'] as const) {
  const original = Manager.prototype[method] as (this: unknown, ...args: unknown[]) => Promise<unknown>;
  if ((original as { [WRAPPED]?: true })[WRAPPED]) continue;
  const settle = function (this: { emit(event: string, error: unknown): void }, ...args: unknown[]) {
    return original.apply(this, args).catch((error: unknown) => {
      this.emit('error', error);
      return null;
    });
  };
  Object.assign(settle, { [WRAPPED]: true });
  Manager.prototype[method] = settle;
}
