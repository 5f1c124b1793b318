import { loadConfig } from '../config.js';
import { connectDatabase } from '../platform/db/client.js';
import { migrateDatabase } from '../platform/db/migrate.js';
import { describeError } from '../platform/describe-error.js';
import { DatabaseNotEmptyError, prepareDatabase } from './icb/database.js';
import { generateIcb } from './icb/generate.js';
import { parseCliOptions } from './icb/options.js';
import { refreshFigures } from './icb/refresh-figures.js';
import { waymarkDatabase } from './waymark-database.js';

/** Where the synthetic ICB goes unless DATA_DIR says otherwise: never the demo's ./data. */
const ICB_DATA_DIR = 'data-icb';

// `npm run generate:icb -- [--seed N] [--scale F] [--replace]`: fills a database with a synthetic
// ICB (30 PCNs, 150 practices, 200,000 people, 250,000 referrals, 2 million contacts…) for the
// figures and the benchmarks. DATABASE_URL when set; otherwise the embedded PostgreSQL under
// DATA_DIR, which defaults here to ./data-icb so the demo's ./data is never touched
// (`DATA_DIR=data-icb npm start` then serves it). Exit 0 done, 1 refused (not empty), 2 failure.
async function main(): Promise<number> {
  const options = parseCliOptions(process.argv.slice(2));
  const config = loadConfig(undefined, { DATA_DIR: ICB_DATA_DIR });
  const { url, stop } = await waymarkDatabase(config);
  try {
    await migrateDatabase(url);
    // Generated data can always be generated again: no need to wait for each commit's flush.
    const fast = new URL(url);
    fast.searchParams.set('options', '-c synchronous_commit=off');
    const database = connectDatabase(fast.toString(), 7);
    try {
      await prepareDatabase(database.pool, { replace: options.replace });
      const started = performance.now();
      const today = new Date();
      today.setUTCHours(0, 0, 0, 0);
      console.log(
        `Generating a synthetic ICB (seed ${options.seed}, scale ${options.scale}) into ${config.DATABASE_URL ? 'DATABASE_URL' : config.DATA_DIR}…`,
      );
      const result = await generateIcb(database.db, database.pool, {
        seed: options.seed,
        scale: options.scale,
        now: today,
        password: config.DEMO_PASSWORD,
        log: (line) => console.log(line),
      });
      const figuresStarted = performance.now();
      const rebuilt = await refreshFigures(database.db);
      const figuresSeconds = ((performance.now() - figuresStarted) / 1000).toFixed(1);
      console.log(`figures: rollups rebuilt for ${rebuilt} PCNs (${figuresSeconds} s)`);
      const total = ((performance.now() - started) / 1000).toFixed(1);
      // One password for every synthetic user (hashed once); a configured one is not echoed.
      const password =
        config.DEMO_PASSWORD === 'waymark-demo-password' ? '"waymark-demo-password"' : 'your DEMO_PASSWORD';
      console.log(`Done in ${total} s (data ${result.seconds.toFixed(1)} s). Sign in with ${password} as:`);
      console.log(`  commissioner ${result.signIns.commissioner}`);
      console.log(`  team lead    ${result.signIns.teamLead}`);
      console.log(`  link worker  ${result.signIns.linkWorker}`);
      return 0;
    } finally {
      await database.close();
    }
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(
      `generate:icb ${err instanceof DatabaseNotEmptyError ? 'refused' : 'failed'}: ${err instanceof Error && !(err as { code?: string }).code ? err.message : describeError(err)}`,
    );
    process.exit(err instanceof DatabaseNotEmptyError ? 1 : 2);
  },
);
