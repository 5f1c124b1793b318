import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The rules of `npm run lint:deps`, run on a small tree with one import of each kind, allowed and
// forbidden: the forbidden ones are reported (a ring once), the allowed ones are not.
const root = resolve(import.meta.dirname, '..');
const depcruise = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

const tree: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }),
  // server modules
  'server/modules/a/a.service.ts': "import { b } from '../b/b.repository.js';\nexport const a = b;",
  'server/modules/a/a.repository.ts': "import { bTable } from '../b/b.tables.js';\nexport const r = bTable;",
  'server/modules/a/a.tables.ts': "import { bTable } from '../b/b.tables.js';\nexport const aTable = bTable;",
  'server/modules/a/a.db.test.ts': "import { bTable } from '../b/b.tables.js';\nexport const t = bTable;",
  'server/modules/a/a.schemas.ts': 'export const aSchema = 1;',
  'server/modules/a/a.routes.ts': "import { b } from '../b/b.service.js';\nexport const routes = b;",
  'server/modules/b/b.repository.ts': 'export const b = 1;',
  'server/modules/b/b.tables.ts': 'export const bTable = 1;',
  'server/modules/b/b.service.ts': "import { aSchema } from '../a/a.schemas.js';\nexport const b = aSchema;",
  'server/modules/directory/search/search.service.ts':
    "import { p } from '../postcodes/postcodes.repository.js';\nexport const s = p;",
  'server/modules/directory/postcodes/postcodes.repository.ts': 'export const p = 1;',
  // layers
  'server/platform/hub.ts': "import { a } from '../modules/a/a.service.js';\nexport const hub = a;",
  'server/platform/ring-1.ts': "import { two } from './ring-2.js';\nexport const one = () => two;",
  'server/platform/ring-2.ts': "import { one } from './ring-1.js';\nexport const two = () => one;",
  // a ring closed only by an `import type` is erased at build time, as for Biome's noImportCycles
  'server/platform/typed-1.ts': "import { two } from './typed-2.js';\nexport type T1 = 1;\nexport const one = two;",
  'server/platform/typed-2.ts': "import type { T1 } from './typed-1.js';\nexport const two: T1 = 1;",
  'server/app.ts': "import { page } from '../web/app/router.js';\nexport const app = page;",
  'common/roles.ts': "import { hub } from '../server/platform/hub.js';\nexport const roles = hub;",
  'web/app/api.ts': 'export const api = 1;',
  'web/app/router.ts':
    "import { k } from '../modules/k/k.js';\nimport { o } from '../modules/o/o.js';\nimport { m } from '../modules/m/m.js';\nimport { hub } from '../../server/platform/hub.js';\nexport const page = [k, o, m, hub];",
  'web/ui/Button.ts': "import { api } from '../app/api.js';\nexport const button = api;",
  'web/ui/Field.ts': "import { k } from '../modules/k/k.js';\nexport const field = k;",
  // web modules: k → o is one way, though both import web/app and web/app imports both; m ⇄ n is a ring
  'web/modules/k/k.ts':
    "import { api } from '../../app/api.js';\nimport { o } from '../o/o.js';\nexport const k = [api, o];",
  'web/modules/o/o.ts': "import { api } from '../../app/api.js';\nexport const o = api;",
  'web/modules/m/m.ts': "import { n } from '../n/n.js';\nexport const m = n;",
  'web/modules/m/m-format.ts': 'export const mFormat = 1;',
  'web/modules/n/n.ts': "import { mFormat } from '../m/m-format.js';\nexport const n = mFormat;",
};

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function lintDeps(dir: string, config: string, paths: string[]): string[] {
  const run = spawnSync(
    process.execPath,
    [depcruise, ...paths, '--config', join(root, config), '--output-type', 'json'],
    { cwd: dir, encoding: 'utf8' },
  );
  const result = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

// Each case starts dependency-cruiser as a process of its own: a few seconds on a quiet machine,
// more than vitest's 5 s default on a busy one (seen while CI ran beside it).
const CRUISE_TIMEOUT = 60_000;

describe('the boundaries the build enforces (npm run lint:deps)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'waymark-boundaries-'));
    for (const [path, text] of Object.entries(tree)) {
      mkdirSync(join(dir, dirname(path)), { recursive: true });
      writeFileSync(join(dir, path), `${text}\n`);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'reports each forbidden import, and only those',
    () => {
      expect(lintDeps(dir, '.dependency-cruiser.cjs', ['server', 'web', 'common'])).toEqual([
        'common-stands-alone: common/roles.ts → server/platform/hub.ts',
        'no-cycles: server/platform/ring-1.ts → server/platform/ring-2.ts',
        'no-other-module-repository: server/modules/a/a.service.ts → server/modules/b/b.repository.ts',
        'no-other-module-tables: server/modules/a/a.repository.ts → server/modules/b/b.tables.ts',
        'other-module-through-service: server/modules/b/b.service.ts → server/modules/a/a.schemas.ts',
        'platform-knows-no-domain: server/platform/hub.ts → server/modules/a/a.service.ts',
        'server-never-imports-web: server/app.ts → web/app/router.ts',
        'ui-knows-no-app: web/ui/Button.ts → web/app/api.ts',
        'ui-knows-no-pages: web/ui/Field.ts → web/modules/k/k.ts',
        'web-never-imports-server: web/app/router.ts → server/platform/hub.ts',
      ]);
    },
    CRUISE_TIMEOUT,
  );

  it(
    'reports a ring of web modules, not one through web/app',
    () => {
      expect(lintDeps(dir, '.dependency-cruiser-web-modules.cjs', ['web'])).toEqual([
        'no-web-module-cycles: web/modules/m → web/modules/n',
        'no-web-module-cycles: web/modules/n → web/modules/m',
      ]);
    },
    CRUISE_TIMEOUT,
  );
});
