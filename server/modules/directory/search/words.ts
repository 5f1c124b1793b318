/**
 * The words of a search query, lower-cased, split on anything that is not a letter or digit: the
 * same words whichever search (staff, public, /oruk) matches, spell-checks or trigram-compares.
 */
export function searchWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}
