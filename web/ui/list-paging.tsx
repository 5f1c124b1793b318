import type { Sorting } from './DataTable';
import { Pagination } from './Pagination';

// A long list whose search, filters, sort and page live in the address (so Back, reload and a
// shared link show the same list): reading those back, and the links that change them.

/** `key` from the address if it is one of `allowed`, else `fallback`. */
export function pickParam<T extends string>(
  search: URLSearchParams,
  key: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const v = search.get(key);
  return v && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

export function pageParam(search: URLSearchParams): number {
  const n = Number(search.get('page') ?? '1');
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

type Link = (changes: Record<string, string | undefined>) => string;

/** The table's sorting; the default order is left out of the address. */
export function sortingOf(sort: string, dir: 'asc' | 'desc', defaultSort: string, link: Link): Sorting {
  return {
    key: sort,
    dir,
    linkTo: (key, d) =>
      link({ sort: key === defaultSort ? undefined : key, dir: d === 'asc' ? undefined : d, page: undefined }),
  };
}

/** Previous and next page links, saying which page of how many. */
export function PageLinks({
  page,
  total,
  pageSize,
  link,
  label,
}: {
  page: number;
  total: number;
  pageSize: number;
  link: Link;
  label: string;
}) {
  const last = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Pagination
      label={label}
      previous={
        page > 1 ? { to: link({ page: String(page - 1) }), text: `Previous page (${page - 1} of ${last})` } : undefined
      }
      next={
        page < last ? { to: link({ page: String(page + 1) }), text: `Next page (${page + 1} of ${last})` } : undefined
      }
    />
  );
}
