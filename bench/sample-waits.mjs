// `URL=postgres://… MS=15000 node bench/sample-waits.mjs`: samples pg_stat_activity every 20 ms
// while a benchmark runs and prints what the active backends were doing (wait event + query),
// most frequent first — where the time goes when the raw SQL is fast and the endpoint is not.
import pg from 'pg';

const client = new pg.Client({ connectionString: process.env.URL });
client.on('error', () => {});
await client.connect();
const counts = new Map();
const end = Date.now() + Number(process.env.MS || 15000);
try {
  while (Date.now() < end) {
    const { rows } = await client.query(
      `SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 160) AS q, wait_event_type, wait_event
         FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND datname = current_database()`,
    );
    for (const r of rows) {
      const key = `${r.wait_event_type ?? 'CPU'}/${r.wait_event ?? ''} ${r.q}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
} catch (err) {
  // the database went away (the bench stopped it): report what was seen
  console.error(`stopped sampling: ${err.message}`);
}
for (const [key, n] of [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(n, key);
await client.end().catch(() => {});
