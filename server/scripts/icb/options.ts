import { parseArgs } from 'node:util';
import { DEFAULT_SEED } from './generate.js';

// `npm run generate:icb -- [--seed N] [--scale F] [--replace]`

export interface CliOptions {
  seed: number;
  scale: number;
  replace: boolean;
}

export function parseCliOptions(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: 'string' },
      scale: { type: 'string' },
      replace: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff)
    throw new Error('--seed must be a whole number from 0 to 4294967295');
  const scale = values.scale === undefined ? 1 : Number(values.scale);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 4)
    throw new Error('--scale must be a number above 0 and at most 4 (1 = a whole ICB)');
  return { seed, scale, replace: values.replace ?? false };
}
