import { useQuery } from '@tanstack/react-query';
import type {
  CarePlanComparison,
  CarePlanContent,
  CarePlanVersionSummary,
  CarePlanView,
} from '../../../common/care-plan';
import { api } from '../../app/api';

export const carePlanKey = (personId: string) => ['care-plan', personId] as const;
const base = (personId: string) => `/api/people/${encodeURIComponent(personId)}/care-plan`;

export function fetchCarePlan(personId: string) {
  return api<CarePlanView>(base(personId));
}

export function useCarePlan(personId: string) {
  return useQuery({
    queryKey: carePlanKey(personId),
    queryFn: () => fetchCarePlan(personId),
    retry: false,
  });
}

/** Saves the whole plan as a new version of `version` (0 for the first save). */
export function saveCarePlan(personId: string, version: number, content: CarePlanContent) {
  return api<CarePlanView>(base(personId), { method: 'PUT', body: { ...content, version } });
}

export function useCarePlanVersions(personId: string) {
  return useQuery({
    queryKey: [...carePlanKey(personId), 'versions'],
    queryFn: () => api<CarePlanVersionSummary[]>(`${base(personId)}/versions`),
    retry: false,
  });
}

export function useCarePlanComparison(personId: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: [...carePlanKey(personId), 'compare', from, to],
    queryFn: () => api<CarePlanComparison>(`${base(personId)}/versions/compare?from=${from}&to=${to}`),
    enabled: from !== null && to !== null,
    retry: false,
  });
}
