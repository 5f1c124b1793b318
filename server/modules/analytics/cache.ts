// Warm answers in well under 50 ms (issue 13, "Speed"): a published report is kept in process,
// keyed by the section, the resolved filters, whether it was suppressed, and the rollups'
// freshness (as-of.ts). The rollups only change when the refresh job rebuilds a PCN, and every
// rebuild moves the freshness key, so a hit is never older than the rollups; entries of an older
// key simply age out.
// A Map keeps insertion order, which makes it a least-recently-used list: a hit is moved to the
// end, and the oldest entries go first once the bound is reached.

export class LruCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly limit: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  /** The value without counting as a use. */
  peek(key: string): V | undefined {
    return this.entries.get(key);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The value kept under `key`, or `make`'s, kept while it is made; a failure is not kept. */
export function keptOrMade<V>(cache: LruCache<Promise<V>>, key: string, make: () => Promise<V>): Promise<V> {
  let value = cache.get(key);
  if (!value) {
    const made = make();
    made.catch(() => {
      if (cache.peek(key) === made) cache.delete(key);
    });
    cache.set(key, made);
    value = made;
  }
  return value;
}
