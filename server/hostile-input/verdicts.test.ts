import { describe, expect, it } from 'vitest';
import { MARKUP } from './hostile-values.js';
import { answerProblems } from './verdicts.js';

// The answer checks of the route fuzzing must bite: each rule against an answer that breaks it.

const safe = { 'x-content-type-options': 'nosniff' };
const answer = (type: string, body: string, headers: Record<string, string> = safe) => ({
  statusCode: 400,
  headers: { ...headers, 'content-type': type },
  body,
});

describe('what the fuzzing holds every answer to', () => {
  it('hostile markup may come back inside JSON, never as HTML or text', () => {
    for (const markup of MARKUP) {
      const json = JSON.stringify({ errors: [{ field: 'name', value: markup }] });
      expect(answerProblems(answer('application/problem+json; charset=utf-8', json))).toEqual([]);
      expect(answerProblems(answer('text/html; charset=utf-8', `<p>${markup}</p>`))).toEqual([
        expect.stringMatching(/unescaped as text\/html/),
      ]);
    }
    expect(answerProblems(answer('text/html', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'))).toEqual([]);
  });

  it('every answer with a body forbids sniffing and says what it is; JSON only as JSON', () => {
    expect(answerProblems(answer('application/json', '{}', {}))).toEqual(['no X-Content-Type-Options: nosniff']);
    expect(answerProblems({ statusCode: 200, headers: safe, body: 'x' })).toEqual(['a body without a Content-Type']);
    expect(answerProblems(answer('text/plain', '{"a":1}'))).toEqual(['a JSON body as text/plain']);
  });

  it('a value only the database refused is a finding, though it answers 400', () => {
    const lastResort = JSON.stringify({
      code: 'validation',
      errors: [{ field: 'request', message: 'has a value out of range or text that is not valid' }],
    });
    expect(answerProblems(answer('application/problem+json', lastResort))).toEqual([
      expect.stringMatching(/the database refused a value/),
    ]);
  });

  it('no CSV cell a spreadsheet would run', () => {
    expect(answerProblems(answer('text/csv', "name,count\r\n'=1+1,3\r\n"))).toEqual([]);
    for (const cell of ['=1+1', '+1', '-1+2', '@SUM(A1)', '"\tcmd"']) {
      expect(answerProblems(answer('text/csv', `name\r\n${cell}\r\n`))).toHaveLength(1);
    }
  });
});
