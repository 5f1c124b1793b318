import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ImpactReport } from '../../../common/impact';
import { api, queryString } from '../../app/api';

/** Whose figures: the partner's own organisation, or a directory organisation of the ICB. */
export type ImpactSource = { kind: 'partner' } | { kind: 'organisation'; id: string };

export interface ImpactPeriod {
  from?: string;
  to?: string;
}

export function periodFrom(search: URLSearchParams): ImpactPeriod {
  return { from: search.get('from') ?? undefined, to: search.get('to') ?? undefined };
}

const basePath = (source: ImpactSource) =>
  source.kind === 'partner'
    ? '/api/partner/impact'
    : `/api/directory/organisations/${encodeURIComponent(source.id)}/impact`;

/** The page's own address for a period (bookmarkable). */
export const pagePath = (source: ImpactSource, period: ImpactPeriod) =>
  `${source.kind === 'partner' ? '/partner/impact' : `/directory/organisations/${encodeURIComponent(source.id)}/impact`}${queryString({ ...period })}`;

/** The CSV download of the period shown (a plain link: the browser saves the attachment). */
export const csvPath = (source: ImpactSource, period: ImpactPeriod) =>
  `${basePath(source)}.csv${queryString({ ...period })}`;

export function useImpact(source: ImpactSource, period: ImpactPeriod) {
  return useQuery({
    queryKey: ['impact', source, period],
    queryFn: () => api<ImpactReport>(`${basePath(source)}${queryString({ ...period })}`),
    placeholderData: keepPreviousData,
    retry: false,
    // Each read is audited: do not read again just because the window regained focus.
    refetchOnWindowFocus: false,
  });
}
