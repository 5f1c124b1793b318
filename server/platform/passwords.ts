import { hash, verify } from '@node-rs/argon2';

// argon2id (the package's default algorithm) with its default cost: 19 MiB, 2 passes, 1 lane,
// which is OWASP's recommended minimum for argon2id.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when the account does not exist, so an unknown email costs the same time
// as a wrong password and the answer cannot be told apart by timing.
let dummyHash: Promise<string> | null = null;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hash('waymark-no-such-account-placeholder');
  await verifyPassword(await dummyHash, password);
}
