import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';
import { describe, expect, it } from 'vitest';
import { EVERYDAY_REASONS, PUBLIC_STATUS_WORDS } from '../../../common/self-referral';
import * as copy from './copy';

// Issue 14: the residents' journey is read by everyone, so it is written for a reading age of
// 9 to 11. Flesch-Kincaid gives a US school grade; a reading age is about the grade plus 5, so
// grade 6 or below is a reading age of 11 or below. Every text the journey shows is measured:
// its words here, the reasons in everyday words, and what a status check answers.

function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(textsOf);
  return [];
}

/** Each text is a sentence or more: a label or a question counts as one. */
function counts(texts: string[]) {
  let sentence = 0;
  let word = 0;
  let syllables = 0;
  for (const text of texts) {
    sentence += Math.max(1, (text.match(/[.!?](\s|$)/g) ?? []).length);
    for (const w of text.match(/[A-Za-z']+/g) ?? []) {
      word += 1;
      syllables += syllable(w);
    }
  }
  return { sentence, word, syllable: syllables };
}

const grade = (texts: string[]) => fleschKincaid(counts(texts));

describe('the self-referral’s words', () => {
  const journey = [...textsOf(copy), ...textsOf(EVERYDAY_REASONS), ...textsOf(PUBLIC_STATUS_WORDS)];

  it('read at a reading age of 11 or below as a whole (Flesch-Kincaid grade 6 or below)', () => {
    expect(journey.length).toBeGreaterThan(100);
    const measured = grade(journey);
    expect(measured).toBeLessThanOrEqual(6);
  });

  it('have no sentence of more than 25 words', () => {
    const sentences = journey.flatMap((t) => t.split(/(?<=[.!?])\s+/));
    const long = sentences.filter((s) => (s.match(/[A-Za-z']+/g) ?? []).length > 25);
    expect(long).toEqual([]);
  });

  it('measure hard text as hard (the measure works)', () => {
    const officialese = [
      'Notwithstanding the aforementioned considerations, individuals experiencing multifactorial psychosocial deterioration necessitate comprehensive interdisciplinary evaluation.',
    ];
    expect(grade(officialese)).toBeGreaterThan(12);
  });
});
