import { type Random, seededRandom } from '../../seed/cases/random.js';

// The generator's one source of chance: the demo's seeded mulberry32, so a seed gives the same
// ICB every time. Ids come from it too (uuid v4 shape), so a rerun's rows are the same rows.

export type { Random };

export interface IcbRandom extends Random {
  uuid(): string;
  /** An index drawn with the given (unnormalised) weights. */
  weighted(weights: readonly number[]): number;
  /** A roughly normal draw (sum of three uniforms), for spreads that should bunch in the middle. */
  normal(mean: number, sd: number): number;
}

const HEX = '0123456789abcdef';

export function icbRandom(seed: number): IcbRandom {
  const random = seededRandom(seed);
  const word = () => Math.floor(random.next() * 0x1_0000_0000);
  const hex8 = () => {
    let w = word();
    let s = '';
    for (let i = 0; i < 8; i++) {
      s = HEX[w & 15] + s;
      w >>>= 4;
    }
    return s;
  };
  return {
    ...random,
    uuid() {
      const a = hex8();
      const b = hex8();
      const c = hex8();
      const d = hex8();
      const variant = HEX[8 + (Number.parseInt(c[0] as string, 16) & 3)];
      return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
    },
    weighted(weights) {
      const total = weights.reduce((s, w) => s + w, 0);
      let r = random.next() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i] as number;
        if (r < 0) return i;
      }
      return weights.length - 1;
    },
    normal(mean, sd) {
      const u = random.next() + random.next() + random.next() - 1.5;
      return mean + u * 2 * sd;
    },
  };
}

/** Picks by a [value, weight] table. */
export function pickWeighted<T>(random: IcbRandom, table: readonly (readonly [T, number])[]): T {
  return (table[random.weighted(table.map(([, w]) => w))] as readonly [T, number])[0];
}
