// The e2e server's ports, shared by playwright.config.ts and the tests that read its database.
export const E2E_PORT = 3100;
// Its own embedded PostgreSQL port, so it can run beside a dev server (default 54329).
export const E2E_PG_PORT = 54417;
// The fake GOV.UK Notify API the e2e server sends residents' texts and emails to.
export const E2E_NOTIFY_PORT = 3101;
