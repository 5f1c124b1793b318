import { describe, expect, it } from 'vitest';
import { checkReport } from './report-form';

describe('the out-of-date report form', () => {
  it('needs to say what is wrong', () => {
    expect(checkReport('', '')).toEqual({ message: 'Enter what is out of date' });
    expect(checkReport('x'.repeat(2001), '')).toHaveProperty('message');
    expect(checkReport('It now meets on Thursdays', '')).toEqual({});
  });

  it('takes an email address only in the right format', () => {
    expect(checkReport('Moved', 'not-an-email')).toHaveProperty('reporter_email');
    expect(checkReport('Moved', 'sam@example.com')).toEqual({});
  });
});
