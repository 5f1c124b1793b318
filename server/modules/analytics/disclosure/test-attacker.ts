import type { FigureRow, FigureTable } from '../../../../common/analytics.js';
import { SUPPRESSED } from '../../../../common/suppression.js';
import type { ExactTable } from '../figures.js';
import { type CellRef, exactCount, rowsWithTotal, type SumRelation, sumRelations } from './secondary.js';

// The attacker of the property tests: given what was published, which exact values are still
// possible? Every published count is an interval (0 is exactly 0; "*" is 1 or more: 1–7, or a
// larger cell hidden by secondary suppression; a shown n ≥ 10 is n−2 … n+2, its rounding
// interval) and every declared sum must hold. Whether a cell can be anything but its true value is
// then an integer feasibility question, answered completely (bounds propagation and bisection:
// the tables are small), so a "not pinned" verdict is a proof, not a guess.

interface Equation {
  /** Σ sign·x = 0 over these variables. */
  terms: { variable: number; sign: 1 | -1 }[];
}

export class System {
  lo: number[] = [];
  hi: number[] = [];
  /** Where the search looks first: the true values (the attacker's answer does not depend on it, only its speed). */
  hint: number[] = [];
  equations: Equation[] = [];

  /** The variables some equation holds (any other takes any value of its range). */
  constrained(): Set<number> {
    return new Set(this.equations.flatMap(({ terms }) => terms.map((t) => t.variable)));
  }

  variable(lo: number, hi: number, hint: number): number {
    this.lo.push(lo);
    this.hi.push(hi);
    this.hint.push(hint);
    return this.lo.length - 1;
  }

  /** Is there an integer solution with `variable` outside `except` (its known true value)? */
  canDiffer(variable: number, except: number): boolean {
    // Both sides in turn under a growing work budget: a side with a solution usually shows it at
    // once, while proving a side empty can take long, and one side is enough.
    const sides: Record<number, [number, number]>[] = [
      { [variable]: [-Infinity, except - 1] },
      { [variable]: [except + 1, Infinity] },
    ];
    for (let budget = 200; ; budget *= 4) {
      let exhausted = true;
      for (const side of sides) {
        const answer = feasible(this, side, { left: budget });
        if (answer === true) return true;
        if (answer === 'unknown') exhausted = false;
      }
      if (exhausted) return false;
    }
  }
}

function propagate(lo: number[], hi: number[], equations: Equation[]): boolean {
  for (let changed = true; changed; ) {
    changed = false;
    for (const { terms } of equations) {
      // Σ sign·x = 0: each term lies within minus the bounds of the others.
      let min = 0;
      let max = 0;
      for (const { variable: v, sign } of terms) {
        min += sign > 0 ? (lo[v] as number) : -(hi[v] as number);
        max += sign > 0 ? (hi[v] as number) : -(lo[v] as number);
      }
      if (min > 0 || max < 0) return false;
      for (const { variable: v, sign } of terms) {
        const termMin = sign > 0 ? (lo[v] as number) : -(hi[v] as number);
        const termMax = sign > 0 ? (hi[v] as number) : -(lo[v] as number);
        const restMin = min - termMin;
        const restMax = max - termMax;
        // term ∈ [−restMax, −restMin]
        const [newLo, newHi] = sign > 0 ? [-restMax, -restMin] : [restMin, restMax];
        if (newLo > (lo[v] as number)) {
          lo[v] = newLo;
          changed = true;
        }
        if (newHi < (hi[v] as number)) {
          hi[v] = newHi;
          changed = true;
        }
        if ((lo[v] as number) > (hi[v] as number)) return false;
      }
    }
  }
  return true;
}

type Answer = boolean | 'unknown';

function search(lo: number[], hi: number[], system: System, budget: { left: number }): Answer {
  if (budget.left-- <= 0) return 'unknown';
  if (!propagate(lo, hi, system.equations)) return false;
  let pick = -1;
  for (const v of system.constrained()) {
    const width = (hi[v] as number) - (lo[v] as number);
    if (width > 0 && (pick < 0 || width < (hi[pick] as number) - (lo[pick] as number))) pick = v;
  }
  if (pick < 0) return true;
  // The hinted value first, then the rest on either side of it (halved once the hint is out of
  // range): complete, and quick to find a solution near the truth when one exists.
  const [l, h] = [lo[pick] as number, hi[pick] as number];
  const hint = system.hint[pick] as number;
  const mid = Math.floor((l + h) / 2);
  const tries: [number, number][] =
    hint >= l && hint <= h
      ? [
          [hint, hint],
          [l, hint - 1],
          [hint + 1, h],
        ]
      : hint < l
        ? [
            [l, mid],
            [mid + 1, h],
          ]
        : [
            [mid + 1, h],
            [l, mid],
          ];
  let answer: Answer = false;
  for (const [from, to] of tries) {
    if (from > to) continue;
    const [nextLo, nextHi] = [[...lo], [...hi]];
    nextLo[pick] = from;
    nextHi[pick] = to;
    const found = search(nextLo, nextHi, system, budget);
    if (found === true) return true;
    if (found === 'unknown') answer = 'unknown';
  }
  return answer;
}

function feasible(system: System, narrowed: Record<number, [number, number]>, budget: { left: number }): Answer {
  const lo = [...system.lo];
  const hi = [...system.hi];
  for (const [v, [l, h]] of Object.entries(narrowed)) {
    lo[Number(v)] = Math.max(lo[Number(v)] as number, l);
    hi[Number(v)] = Math.min(hi[Number(v)] as number, h);
  }
  return search(lo, hi, system, budget);
}

/** The exact counts a published count may stand for. */
export function shownRange(figure: FigureRow['values'][string], cap: number, rounded = true): [number, number] {
  if (figure === 0) return [0, 0];
  if (figure === SUPPRESSED) return [1, cap];
  if (typeof figure !== 'number') throw new Error(`not a published count: ${String(figure)}`);
  return rounded ? [Math.max(8, figure - 2), figure + 2] : [figure, figure];
}

/**
 * The largest value the attacker tries for a "*" of a table. A "*" is 1–7 or a larger cell hidden
 * by secondary suppression, and the attacker cannot tell which: in a table whose non-zero cells
 * are all hidden, nothing shown bounds them, and a bound taken from the shown figures alone can
 * exclude the truth: the system then has no solution and "pins" every cell (a false alarm the
 * difference test raised with 327 hidden under a bound of 76). No bound at all makes some proofs
 * an endless search, so the attacker is told a true one, twice the table's largest count: more
 * than it could know, which only makes it stronger.
 */
function starCap(exact: ExactTable, published: FigureTable): number {
  let largest = 0;
  for (const row of rowsWithTotal(exact)) {
    for (const value of Object.values(row.values)) {
      if (typeof value === 'object' && typeof value.value === 'number') largest = Math.max(largest, value.value);
    }
  }
  return Math.max(capOf(published), 2 * largest + 7);
}

/**
 * A bound on the table's counts, for the percentage attack, which lists the candidates of each
 * count: all shown + 2, and 7 a "*". It can exclude the truth (see starCap), and then errs only
 * towards pinning, that is towards a failed test, never towards a missed attack.
 */
function capOf(published: FigureTable): number {
  let cap = 7;
  for (const row of rowsWithTotal(published)) {
    for (const value of Object.values(row.values)) cap += typeof value === 'number' ? value + 2 : 7;
  }
  return cap;
}

const refKey = ({ row, column }: CellRef) => `${row}|${column}`;

/** The attacker's unknowns for one published table: one per count cell, and its sums. */
export function addTable(
  system: System,
  exact: ExactTable,
  published: FigureTable,
  rounded = true,
): Map<string, number> {
  const cap = starCap(exact, published);
  const rows = rowsWithTotal(published);
  const variables = new Map<string, number>();
  const relations: SumRelation[] = sumRelations(exact);
  rowsWithTotal(exact).forEach((row, index) => {
    for (const column of Object.keys(row.values)) {
      const ref = { row: index, column };
      if (exactCount(exact, ref) === null) continue;
      const [lo, hi] = shownRange(rows[index]?.values[column] ?? null, cap, rounded);
      variables.set(refKey(ref), system.variable(lo, hi, exactCount(exact, ref) as number));
    }
  });
  const id = (ref: CellRef) => variables.get(refKey(ref)) as number;
  for (const { total, parts } of relations) {
    system.equations.push({
      terms: [{ variable: id(total), sign: 1 }, ...parts.map((p) => ({ variable: id(p), sign: -1 as const }))],
    });
  }
  return variables;
}

/**
 * The "*" cells of a table that the attacker can pin to a single value (none, we hope).
 * `rounded: false` reads shown numbers as exact (how the attacker's own test proves it has teeth).
 */
export function pinnedCells(exact: ExactTable, published: FigureTable, rounded = true): CellRef[] {
  const system = new System();
  const variables = addTable(system, exact, published, rounded);
  const pinned: CellRef[] = [];
  rowsWithTotal(published).forEach((row, index) => {
    for (const [column, figure] of Object.entries(row.values)) {
      const variable = variables.get(refKey({ row: index, column }));
      if (figure !== SUPPRESSED || variable === undefined) continue;
      const truth = exactCount(exact, { row: index, column }) as number;
      if (!system.canDiffer(variable, truth)) pinned.push({ row: index, column });
    }
  });
  return pinned;
}

/**
 * The cells of whole − part (say an ICB and one of its PCNs, both published) whose true
 * difference is 1–7 and that the attacker can pin by subtracting: each part cell is at most its
 * whole cell, and each table's sums hold.
 */
export function pinnedDifferences(
  whole: { exact: ExactTable; published: FigureTable },
  part: { exact: ExactTable; published: FigureTable },
): CellRef[] {
  const system = new System();
  const wholeVariables = addTable(system, whole.exact, whole.published);
  const partVariables = addTable(system, part.exact, part.published);
  const small: { ref: CellRef; difference: number; truth: number }[] = [];
  for (const [key, w] of wholeVariables) {
    const p = partVariables.get(key);
    if (p === undefined) continue;
    const ref = { row: Number(key.slice(0, key.indexOf('|'))), column: key.slice(key.indexOf('|') + 1) };
    const truth = (exactCount(whole.exact, ref) as number) - (exactCount(part.exact, ref) as number);
    const difference = system.variable(0, system.hi[w] as number, truth);
    system.equations.push({
      terms: [
        { variable: w, sign: 1 },
        { variable: p, sign: -1 },
        { variable: difference, sign: -1 },
      ],
    });
    if (truth >= 1 && truth <= 7) small.push({ ref, difference, truth });
  }
  // Asked only once every cell's part ≤ whole is in the system.
  return small.filter(({ difference, truth }) => !system.canDiffer(difference, truth)).map(({ ref }) => ref);
}

/**
 * The attack through a percentage (issue 13 follow-up): a row shows its base as a rounded count
 * `n` and a percentage `share` of it. Knowing the rule, the attacker keeps each base m of the
 * count's interval for which some numerator j ≤ m would be published as the shown percentage
 * (`shownShare(j, m)`). Returns the rows whose base 8–99 is left with one candidate, and the "*"
 * bases of a table with a totals row that the candidates of the other rows and the total pin.
 */
export function pinnedThroughPercent(
  exact: ExactTable,
  published: FigureTable,
  shownShare: (numerator: number, base: number) => FigureRow['values'][string],
): { bases: number[]; stars: number[] } {
  // Percentages are summed into the cap too (harmless: a larger cap), so it may not be whole.
  const cap = Math.ceil(capOf(published));
  const candidates = rowsWithTotal(published).map((row) => {
    const [lo, hi] = shownRange(row.values.n ?? null, cap);
    const share = row.values.share;
    const all = [...Array(hi - lo + 1).keys()].map((i) => lo + i);
    if (typeof share !== 'number') return all;
    return all.filter((m) => [...Array(m + 1).keys()].some((j) => shownShare(j, m) === share));
  });
  const truth = (row: number) => exactCount(exact, { row, column: 'n' }) as number;
  const bases = candidates.flatMap((set, row) => {
    const n = truth(row);
    return n >= 8 && n <= 99 && set.length === 1 ? [row] : [];
  });
  const stars: number[] = [];
  if (published.total) {
    const totalRow = published.rows.length;
    published.rows.forEach((row, star) => {
      if (row.values.n !== SUPPRESSED) return;
      // Every sum the other rows can make, then the values of the "*" that meet a possible total.
      let sums = new Set([0]);
      candidates.slice(0, totalRow).forEach((set, other) => {
        if (other === star) return;
        sums = new Set([...sums].flatMap((s) => set.map((m) => s + m)));
      });
      const totals = candidates[totalRow] ?? [];
      const possible = (candidates[star] ?? []).filter((v) => totals.some((t) => sums.has(t - v)));
      if (possible.length === 1) stars.push(star);
    });
  }
  return { bases, stars };
}
