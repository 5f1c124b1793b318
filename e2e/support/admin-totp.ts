import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as OTPAuth from 'otpauth';

// The administrator's authenticator, shared by the test files of one run. e2e/run.mjs deletes
// it together with the database, so the two always belong together.
const STATE_DIR = '.tmp/e2e-state';
const STATE_FILE = `${STATE_DIR}/admin-totp.json`;
const PERIOD_MS = 30_000;

interface State {
  secret: string;
  /** The last 30-second step whose code we sent: the server refuses a step used before. */
  lastStep: number;
}

function read(): State | null {
  try {
    return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as State;
  } catch {
    return null;
  }
}

function write(state: State): void {
  mkdirSync(STATE_DIR, { recursive: true });
  writeFileSync(STATE_FILE, JSON.stringify(state));
}

export function saveAdminSecret(secret: string): void {
  write({ secret: secret.replace(/\s+/g, ''), lastStep: 0 });
}

export function adminSecret(): string {
  const state = read();
  if (!state) {
    throw new Error(
      `The administrator already has an authenticator but ${STATE_FILE} does not know its secret. ` +
        'Run the end-to-end tests from a fresh database: npm run test:e2e (or rm -rf .tmp/e2e-data).',
    );
  }
  return state.secret;
}

/**
 * A code the server has not seen. The server takes a code of the current 30-second step or of
 * one step either side (clock drift, server/modules/auth/totp.ts) and refuses a step used before.
 * When the current step's code has been used (two admin sign-ins within 30 s, as in
 * admin.spec.ts), the next step's code is sent, as an authenticator whose clock runs a little fast
 * would show, instead of waiting up to 30 s for the clock: that wait was the longest idle time of
 * the suite (about 18 s of the 21.2 s "signs in again" test). Only when the next step is used too does
 * it wait, for one step. Enrolment and the later sign-ins (sign-in.spec.ts) still use the
 * current step's code.
 */
export async function freshCode(secret = adminSecret()): Promise<string> {
  const lastStep = read()?.lastStep ?? 0;
  let current = Math.floor(Date.now() / PERIOD_MS);
  if (lastStep > current) {
    await new Promise((resolve) => setTimeout(resolve, lastStep * PERIOD_MS - Date.now() + 250));
    current = Math.floor(Date.now() / PERIOD_MS);
  }
  const step = Math.max(current, lastStep + 1);
  write({ secret, lastStep: step });
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: step * PERIOD_MS });
}

/** A code that is certainly wrong now (not the code of this, the previous or the next step). */
export function wrongCode(secret: string): string {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
  const now = Date.now();
  const valid = new Set([-1, 0, 1].map((d) => totp.generate({ timestamp: now + d * PERIOD_MS })));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}
