import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX_LENGTH, passwordRuleProblem } from './password-rules.js';

describe('passwordRuleProblem (NCSC: length, nothing guessable, no composition rules)', () => {
  it('takes a long phrase of plain words, with no capitals, digits or symbols required', () => {
    expect(passwordRuleProblem('kettle orbit meadow', 'sam@example.org')).toBeNull();
  });

  it('counts characters as people do: twelve emoji are twelve characters', () => {
    const twelve = '🙂🍎🚲🌧'.repeat(3);
    expect(twelve.length).toBe(24); // UTF-16 units
    expect(passwordRuleProblem(twelve, null)).toBeNull();
    expect(passwordRuleProblem([...twelve].slice(0, 11).join(''), null)).toBe('must be 12 characters or more');
  });

  it('refuses what sign-in would not take back, one repeated character, the service name and the email', () => {
    expect(passwordRuleProblem('a b'.repeat(PASSWORD_MAX_LENGTH), null)).toBe('must be 256 characters or fewer');
    expect(passwordRuleProblem('zzzzzzzzzzzzzzzz', null)).toMatch(/^is too common/);
    expect(passwordRuleProblem('My WayMark password', null)).toBe('must not contain the name of this service');
    expect(passwordRuleProblem('priya.shah and more', 'Priya.Shah@pcn.example')).toBe(
      'must not contain your email address',
    );
  });
});
