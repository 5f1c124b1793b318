import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeptById, keptOrMade, LruCache } from './lru-cache.js';

describe('LruCache', () => {
  it('drops the least recently used entry first, a hit counting as a use and a peek not', () => {
    const cache = new LruCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // 'b' is now the oldest
    cache.set('c', 3);
    expect([cache.peek('a'), cache.peek('b'), cache.peek('c')]).toEqual([1, undefined, 3]);
    expect(cache.peek('a')).toBe(1); // a peek does not make 'a' newer than 'c'
    cache.set('d', 4);
    expect([cache.peek('a'), cache.peek('c'), cache.peek('d')]).toEqual([undefined, 3, 4]);
    cache.delete('c');
    expect(cache.size).toBe(1);
  });
});

describe('keptOrMade', () => {
  it('makes a value once for requests that arrive while it is being made', async () => {
    const cache = new LruCache<Promise<string>>(10);
    let made = 0;
    const make = async () => {
      made++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return 'figures';
    };
    const answers = await Promise.all([1, 2, 3].map(() => keptOrMade(cache, 'k', make)));
    expect(answers).toEqual(['figures', 'figures', 'figures']);
    expect(made).toBe(1);
    await keptOrMade(cache, 'k', make);
    expect(made).toBe(1);
  });

  it('does not keep a failure: the next request makes the value again', async () => {
    const cache = new LruCache<Promise<string>>(10);
    await expect(keptOrMade(cache, 'k', () => Promise.reject(new Error('database down')))).rejects.toThrow(
      'database down',
    );
    await Promise.resolve();
    expect(cache.peek('k')).toBeUndefined();
    await expect(keptOrMade(cache, 'k', async () => 'figures')).resolves.toBe('figures');
  });
});

describe('KeptById', () => {
  afterEach(() => vi.useRealTimers());
  const names: Record<string, string> = { a: 'Ann', b: 'Bea' };
  const reads: string[][] = [];
  const read = async (missing: string[]) => {
    reads.push(missing);
    return missing.flatMap((id): [string, string][] => (names[id] ? [[id, names[id]]] : []));
  };

  it('reads only what it does not keep fresh, leaves out what the read does not find, and forgets on demand', async () => {
    vi.useFakeTimers();
    const kept = new KeptById<string>(10, 60_000);
    expect(await kept.of(['a', 'a', 'x'], read)).toEqual(new Map([['a', 'Ann']]));
    expect(await kept.of(['a', 'b'], read)).toEqual(
      new Map([
        ['a', 'Ann'],
        ['b', 'Bea'],
      ]),
    );
    // 'x' was not found, so it is read again; 'a' was kept; nothing is read when all are kept.
    expect(await kept.of(['a', 'b'], read)).toEqual(
      new Map([
        ['a', 'Ann'],
        ['b', 'Bea'],
      ]),
    );
    expect(reads.splice(0)).toEqual([['a', 'x'], ['b']]);

    names.a = 'Anna';
    expect((await kept.of(['a'], read)).get('a')).toBe('Ann'); // kept: another process's rename waits
    kept.forget('a');
    expect((await kept.of(['a'], read)).get('a')).toBe('Anna');
    names.b = 'Beatrice';
    vi.advanceTimersByTime(60_001);
    expect((await kept.of(['b'], read)).get('b')).toBe('Beatrice'); // a minute on: read again
    expect(reads.splice(0)).toEqual([['a'], ['b']]);
  });
});
