// The boundaries ARCHITECTURE.md promises, checked by `npm run lint:deps` (part of `npm run lint`).
// A module is the first folder under server/modules or web/modules: directory/search and
// directory/postcodes are one module, so they may share repositories.
// Tests (*.test.ts) are exempt from the module rules: they set up and inspect rows directly.
const serverModule = '^server/modules/([^/]+)/';
const test = '\\.test\\.tsx?$';

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
      comment: "Another module's tables are imported by table files only, for foreign keys.",
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
    {
      name: 'platform-knows-no-domain',
      comment: 'server/platform is cross-cutting: it never imports server/modules (Biome says so too, in the editor).',
      severity: 'error',
      from: { path: '^server/platform/' },
      to: { path: '^server/modules/' },
    },
    {
      name: 'common-stands-alone',
      comment: 'common/ is shared by server and web, so it imports neither.',
      severity: 'error',
      from: { path: '^common/' },
      to: { path: '^(server|web)/' },
    },
    {
      name: 'web-never-imports-server',
      comment: 'web/ shares with the server through common/ only.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^server/' },
    },
    {
      name: 'server-never-imports-web',
      comment: 'The server serves the built web app as files; it never imports its source.',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^web/' },
    },
    {
      name: 'ui-knows-no-app',
      comment: 'web/ui is the design system: it never imports web/app (router, session, API client).',
      severity: 'error',
      from: { path: '^web/ui/' },
      to: { path: '^web/app/' },
    },
    {
      name: 'ui-knows-no-pages',
      comment: 'web/ui is shared by every page, so it never imports a page module.',
      severity: 'error',
      from: { path: '^web/ui/' },
      to: { path: '^web/modules/' },
    },
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
