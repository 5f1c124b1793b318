// The boundaries ARCHITECTURE.md promises, checked by `npm run lint:deps` (part of `npm run lint`).
// A module is the first folder under server/modules or web/modules: directory/search and
// directory/postcodes are one module, so they may share repositories.
// Tests (*.test.ts, and their test-*.ts fixtures) are exempt from the module rules: they set up and inspect rows directly.
const serverModule = '^server/modules/([^/]+)/';
// Test fixtures (test-*.ts: rows inserted straight into the tables for tests) count as tests.
const test = '(\\.test\\.tsx?|/test-[^/]+\\.ts)$';

/** A layer that never imports another (an error). */
function layer(name, comment, from, to) {
  return { name, comment, severity: 'error', from: { path: from }, to: { path: to } };
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-other-module-repository',
      comment: "Only a module's own code touches its repository; other modules go through its service.",
      severity: 'error',
      from: { path: serverModule, pathNot: test },
      to: { path: '^server/modules/[^/]+/.+\\.repository\\.ts$', pathNot: '^server/modules/$1/' },
    },
    {
      name: 'no-other-module-tables',
      comment:
        "Another module's tables are imported by table files only, for foreign keys (and auth's session_accounts view).",
      severity: 'error',
      from: { path: serverModule, pathNot: [test, '\\.tables\\.ts$'] },
      to: { path: '^server/modules/[^/]+/.+\\.tables\\.ts$', pathNot: '^server/modules/$1/' },
    },
    {
      name: 'other-module-through-service',
      comment:
        'Modules call each other through *.service.ts; anything else of another module (schemas, helpers) is a drift to review.',
      severity: 'warn',
      from: { path: serverModule, pathNot: test },
      to: {
        path: '^server/modules/[^/]+/',
        pathNot: ['^server/modules/$1/', '\\.service\\.ts$', '\\.tables\\.ts$', '\\.repository\\.ts$'],
      },
    },
    layer(
      'platform-knows-no-domain',
      'server/platform is cross-cutting: it never imports server/modules (Biome says so too, in the editor).',
      '^server/platform/',
      '^server/modules/',
    ),
    layer(
      'common-stands-alone',
      'common/ is shared by server and web, so it imports neither.',
      '^common/',
      '^(server|web)/',
    ),
    layer('web-never-imports-server', 'web/ shares with the server through common/ only.', '^web/', '^server/'),
    layer(
      'server-never-imports-web',
      'The server serves the built web app as files, never its source.',
      '^server/',
      '^web/',
    ),
    layer('ui-knows-no-app', 'web/ui is the design system: no router, session or API client.', '^web/ui/', '^web/app/'),
    layer('ui-knows-no-pages', 'web/ui is shared by every page, so it imports none.', '^web/ui/', '^web/modules/'),
    {
      name: 'no-cycles',
      comment: 'Files never import each other in a ring (Biome noImportCycles says so in the editor).',
      severity: 'error',
      from: { path: '^(server|web|common)/' },
      // As Biome's rule: an `import type` is erased at build time, so it cannot make a runtime cycle.
      to: { circular: true, dependencyTypesNot: ['type-only'], viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
