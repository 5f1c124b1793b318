import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { RETRY_AFTER_SECONDS } from './problem.js';

// Two probes, two questions. Neither reveals anything about the data.
//
// /healthz, liveness — "would restarting this process help?" It fails while the embedded
// PostgreSQL that this process runs is down: the process restarts it by itself within seconds,
// and if that keeps failing, restarting the whole app is the fix a supervisor can apply. An
// outage of an external DATABASE_URL does not fail it: restarting the app would not help.
//
// /readyz, readiness — "can it serve requests now?" The database answers and the process is not
// shutting down. For load balancers, and to watch an outage come and go.
export interface HealthOptions {
  isShuttingDown: () => boolean;
  embeddedDatabase?: { readonly isRunning: boolean };
}

const HEALTHZ = {
  200: z.object({ status: z.literal('ok') }),
  503: z.object({ status: z.literal('embedded-database-down') }),
};
const READYZ = {
  200: z.object({ status: z.literal('ready') }),
  503: z.object({ status: z.enum(['shutting-down', 'database-unavailable']) }),
};

export function registerHealthRoutes(app: FastifyInstance, db: Db, opts: HealthOptions): void {
  app.get(
    '/healthz',
    { schema: { response: HEALTHZ }, config: { access: { public: true } } },
    async (_request, reply) => {
      if (opts.embeddedDatabase && !opts.embeddedDatabase.isRunning && !opts.isShuttingDown()) {
        reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
        return reply.status(503).send({ status: 'embedded-database-down' });
      }
      return { status: 'ok' };
    },
  );

  app.get(
    '/readyz',
    { schema: { response: READYZ }, config: { access: { public: true } } },
    async (_request, reply) => {
      if (opts.isShuttingDown()) {
        reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
        return reply.status(503).send({ status: 'shutting-down' });
      }
      try {
        await db.execute(sql`SELECT 1`);
        return { status: 'ready' };
      } catch {
        reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
        return reply.status(503).send({ status: 'database-unavailable' });
      }
    },
  );
}
