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

/** A code the server has not seen: waits for the next 30-second step when this one is used. */
export async function freshCode(secret = adminSecret()): Promise<string> {
  const lastStep = read()?.lastStep ?? 0;
  let now = Date.now();
  if (Math.floor(now / PERIOD_MS) <= lastStep) {
    const wait = (lastStep + 1) * PERIOD_MS - now + 250;
    await new Promise((resolve) => setTimeout(resolve, wait));
    now = Date.now();
  }
  write({ secret, lastStep: Math.floor(now / PERIOD_MS) });
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: now });
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
