import pg from 'pg';
import { E2E_PG_PORT } from '../ports.mjs';

// The e2e server has no SMTP_URL, so its emails wait in the outbox table: the tests read them
// there, as a person would read their inbox.
const DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${E2E_PG_PORT}/waymark`;

export interface OutboxEmail {
  subject: string;
  text: string;
}

/** The emails queued for an address, oldest first. */
export async function emailsTo(to: string): Promise<OutboxEmail[]> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ payload: OutboxEmail & { to: string } }>(
      "SELECT payload FROM outbox WHERE payload->>'to' = $1 ORDER BY id",
      [to],
    );
    return rows.map((r) => ({ subject: r.payload.subject, text: r.payload.text }));
  } finally {
    await client.end();
  }
}
