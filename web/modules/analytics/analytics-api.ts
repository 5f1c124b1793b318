import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  ANALYTICS_SECTIONS,
  type AnalyticsOptions,
  type AnalyticsReport,
  type AnalyticsSection,
} from '../../../common/analytics';
import { api, queryString } from '../../app/api';

export type FiguresSection = AnalyticsSection | 'national';

/** The dashboard's sections in the order of the sub-navigation: the national figures last. */
export const FIGURES_SECTIONS: readonly FiguresSection[] = [...ANALYTICS_SECTIONS, 'national'];

export const isFiguresSection = (s: string | undefined): s is FiguresSection =>
  FIGURES_SECTIONS.includes(s as FiguresSection);

/** The filters as the address carries them (and as the API reads them): only those chosen. */
export interface FigureFilters {
  pcnId?: string;
  practiceId?: string;
  from?: string;
  to?: string;
  role?: string;
}

export const FILTER_KEYS = ['pcnId', 'practiceId', 'from', 'to', 'role'] as const satisfies (keyof FigureFilters)[];

/** Filters from the address; anything else in it is ignored, and blank values are left out. */
export function filtersFrom(search: URLSearchParams): FigureFilters {
  const filters: FigureFilters = {};
  for (const key of FILTER_KEYS) {
    const value = search.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

const query = (filters: FigureFilters) => queryString({ ...filters });

/** A section page's own address with these filters: what a commissioner bookmarks or shares. */
export const sectionPath = (section: FiguresSection, filters: FigureFilters = {}) =>
  `/analytics/${section}${query(filters)}`;

/** The CSV of the figures shown (a plain link: the browser saves the attachment). */
export const csvPath = (section: FiguresSection, filters: FigureFilters) =>
  `/api/analytics/${section}.csv${query(filters)}`;

export function useAnalyticsOptions() {
  return useQuery({
    queryKey: ['analytics', 'options'],
    queryFn: () => api<AnalyticsOptions>('/api/analytics/options'),
    retry: false,
  });
}

export function useAnalyticsReport(section: FiguresSection, filters: FigureFilters) {
  return useQuery({
    queryKey: ['analytics', section, filters],
    queryFn: () => api<AnalyticsReport>(`/api/analytics/${section}${query(filters)}`),
    placeholderData: keepPreviousData,
    retry: false,
    refetchOnWindowFocus: false,
  });
}
