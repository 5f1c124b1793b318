import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { Measure, OutcomeMeasuresView, OutcomeRecording, Timepoint } from '../../../common/outcome-measures';
import { api } from '../../app/api';

const measuresKey = (referralId: string) => ['outcome-measures', referralId] as const;

export function useOutcomeMeasures(referralId: string) {
  return useQuery({
    queryKey: measuresKey(referralId),
    queryFn: () => api<OutcomeMeasuresView>(`/api/referrals/${encodeURIComponent(referralId)}/measures`),
    retry: false,
  });
}

export function recordOutcomeMeasure(
  referralId: string,
  body: { measure: Measure; timepoint: Timepoint; administeredOn?: string; answers: Record<string, number> },
): Promise<OutcomeRecording> {
  return api(`/api/referrals/${encodeURIComponent(referralId)}/measures`, { method: 'POST', body });
}

export function outcomeMeasuresChanged(queryClient: QueryClient, referralId: string): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: measuresKey(referralId) });
}
