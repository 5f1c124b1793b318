// The e2e server's ports, shared by playwright.config.ts and the tests that read its database.
export const E2E_PORT = 3100;
// Its own embedded PostgreSQL port, so it can run beside a dev server (default 54329); below the
// ephemeral range (32768-60999), whose ports the kernel may give to outgoing connections.
export const E2E_PG_PORT = 29417;
// The fake GOV.UK Notify API the e2e server sends residents' texts and emails to.
export const E2E_NOTIFY_PORT = 3101;
