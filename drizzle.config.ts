import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes a new SQL migration from the *.tables.ts files.
// Migrations are committed and never edited after they land.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./server/modules/*/*.tables.ts', './server/platform/*/*.tables.ts'],
  out: './db/migrations',
});
