// When the embedded PostgreSQL cannot run on this machine at all, the person who typed
// `npm start` gets a paragraph saying why and what to do instead, never a stack trace.

const WAYS_OUT =
  'Two ways out: run Waymark as an ordinary user rather than root (then PostgreSQL runs as that ' +
  'user), or set DATABASE_URL to a PostgreSQL 15 or newer that you run yourself.';

export class EmbeddedPostgresUnavailable extends Error {
  constructor(reason: string, opts: { waysOut?: string; cause?: unknown } = {}) {
    super(`Waymark cannot start its embedded PostgreSQL here. ${reason}\n${opts.waysOut ?? WAYS_OUT}`, {
      cause: opts.cause,
    });
    this.name = 'EmbeddedPostgresUnavailable';
  }
}

/** Why a root start hands PostgreSQL to another user: the first sentence of most explanations. */
export const AS_ROOT =
  'You are running as root, and PostgreSQL refuses to run as root, so Waymark runs it as the ' +
  'unprivileged "postgres" user';
