// Web modules (web/modules/<name>) never form a ring, at module level: if allocation imports
// triage, nothing in triage imports allocation, directly or round a longer ring. A separate run
// because web/app imports every module (the router) and every module imports web/app (the API
// client): counted in, every module would seem to be in a ring through it.
const { options } = require('./.dependency-cruiser.cjs');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-web-module-cycles',
      severity: 'error',
      scope: 'folder',
      from: { path: '^web/modules/' },
      to: { path: '^web/modules/', circular: true },
    },
  ],
  options: { ...options, includeOnly: '^web/modules/' },
};
