import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyIdOf, SecretBox, secretsKeyOf } from './secret-box.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('SecretBox', () => {
  const key = randomBytes(32);

  it('seals so the stored text holds neither the secret nor a repeat of an earlier sealing', () => {
    const box = new SecretBox(key);
    const a = box.seal(SECRET);
    const b = box.seal(SECRET);
    expect(a).toMatch(new RegExp(`^enc:v1:${keyIdOf(key)}:[A-Za-z0-9_-]+$`));
    expect(a).not.toContain(SECRET);
    expect(a).not.toBe(b);
    expect(box.open(a)).toBe(SECRET);
    expect(box.needsResealing(a)).toBe(false);
  });

  it('refuses a sealed value that was altered', () => {
    const box = new SecretBox(key);
    const sealed = box.seal(SECRET);
    const last = sealed.at(-1) === 'A' ? 'B' : 'A';
    expect(() => box.open(sealed.slice(0, -1) + last)).toThrow();
  });

  it('opens with a retired key after rotation, and says the value needs sealing again', () => {
    const sealedOld = new SecretBox(key).seal(SECRET);
    const rotated = new SecretBox(randomBytes(32), [key]);
    expect(rotated.open(sealedOld)).toBe(SECRET);
    expect(rotated.needsResealing(sealedOld)).toBe(true);
    expect(rotated.needsResealing(rotated.seal(SECRET))).toBe(false);
  });

  it('names the missing key when a value was sealed by a key it does not hold', () => {
    const sealed = new SecretBox(key).seal(SECRET);
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow(
      new RegExp(`sealed with key ${keyIdOf(key)}, which is neither SECRETS_ENCRYPTION_KEY`),
    );
  });

  it('reads a plain value stored before encryption, and marks it for sealing', () => {
    const box = new SecretBox(key);
    expect(box.open(SECRET)).toBe(SECRET);
    expect(box.needsResealing(SECRET)).toBe(true);
  });

  it('takes a key as 32 bytes of base64 only', () => {
    expect(secretsKeyOf(key.toString('base64'), 'X')).toEqual(key);
    expect(() => secretsKeyOf('c2hvcnQ=', 'SECRETS_ENCRYPTION_KEY')).toThrow(
      'SECRETS_ENCRYPTION_KEY: must be 32 bytes, base64',
    );
  });
});
