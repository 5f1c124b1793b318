// Answers kept in process (the dashboards' published reports, issue 13; the public directory's
// answers, issue 18), each keyed by something that moves whenever what it was made from changes
// (the rollups' freshness, the directory's version), so a hit is never stale; entries of an older
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

/**
 * Values by id that seldom change (staff names, organisations' names), read from the database and
 * kept `ms` in process, at most `limit` of them: `of` answers the kept ones still fresh and reads
 * the rest in one call. Ids the read finds nothing for are left out (and read again next time).
 * Whoever changes a value through this process forgets it; other processes see it within `ms`.
 */
export class KeptById<V> {
  private readonly kept: LruCache<{ value: V; until: number }>;

  constructor(
    limit: number,
    private readonly ms: number,
  ) {
    this.kept = new LruCache(limit);
  }

  async of(
    ids: Iterable<string>,
    read: (missing: string[]) => Promise<Iterable<[string, V]>>,
  ): Promise<Map<string, V>> {
    const now = Date.now();
    const values = new Map<string, V>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const kept = this.kept.get(id);
      if (kept && kept.until > now) values.set(id, kept.value);
      else missing.push(id);
    }
    if (missing.length === 0) return values;
    for (const [id, value] of await read(missing)) {
      values.set(id, value);
      this.kept.set(id, { value, until: now + this.ms });
    }
    return values;
  }

  forget(id: string): void {
    this.kept.delete(id);
  }
}
