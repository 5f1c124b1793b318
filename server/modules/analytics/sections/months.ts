import type { ResolvedFilters } from '../figures.js';
import { monthsOf } from '../scope.js';

// Months as the rows of a table: keyed 'YYYY-MM', labelled as people read them ("Apr 2026").

const NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const monthLabel = (month: string) => `${NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

/** Every month of the filters' period, oldest first ('YYYY-MM'), figures or not. */
export const monthsInPeriod = (f: ResolvedFilters) => monthsOf(f.fromMonth.slice(0, 7), f.toMonth.slice(0, 7));

/** Adds `n` to the number under `key`. */
export function tally<K>(map: Map<K, number>, key: K, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}
