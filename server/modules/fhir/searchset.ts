import type { Paging } from './search-params.js';

// A search's answer: a Bundle of type `searchset` with the total, the page asked for, and the
// links to it (`self`) and to the following page (`next`, while there is one). Paging is by
// `_count` and `_offset`, so a link is the same search with another offset.

export interface FhirResource {
  resourceType: string;
  id: string;
  [member: string]: unknown;
}

export interface Searchset {
  resourceType: 'Bundle';
  type: 'searchset';
  total: number;
  link: { relation: string; url: string }[];
  entry?: { fullUrl: string; resource: FhirResource; search: { mode: 'match' } }[];
}

/** The search's URL with these paging values; the other parameters as the client gave them. */
function pageUrl(baseUrl: string, type: string, query: Map<string, string[]>, page: Paging): string {
  const params = new URLSearchParams();
  for (const [name, values] of query) {
    if (name === '_count' || name === '_offset') continue;
    for (const v of values) params.append(name, v);
  }
  params.set('_count', String(page.count));
  if (page.offset > 0) params.set('_offset', String(page.offset));
  return `${baseUrl}/${type}?${params.toString()}`;
}

export function searchset(
  baseUrl: string,
  type: string,
  query: Map<string, string[]>,
  page: Paging,
  total: number,
  resources: FhirResource[],
): Searchset {
  const link = [{ relation: 'self', url: pageUrl(baseUrl, type, query, page) }];
  if (page.offset + resources.length < total && resources.length > 0) {
    link.push({ relation: 'next', url: pageUrl(baseUrl, type, query, { ...page, offset: page.offset + page.count }) });
  }
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link,
    ...(resources.length > 0
      ? {
          entry: resources.map((resource) => ({
            fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id}`,
            resource,
            search: { mode: 'match' as const },
          })),
        }
      : {}),
  };
}
