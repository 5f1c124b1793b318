import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client.js';
import { RETRY_AFTER_SECONDS } from './problem.js';

// /healthz: the process is up (for restarts). /readyz: it can serve, i.e. the database answers
// (for the load balancer). Neither reveals anything about the data.
export function registerHealthRoutes(app: FastifyInstance, db: Db, isShuttingDown: () => boolean): void {
  app.get('/healthz', { config: { access: { public: true } } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { access: { public: true } } }, async (_request, reply) => {
    if (isShuttingDown()) {
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
  });
}
