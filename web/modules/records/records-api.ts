import { type QueryClient, useQuery } from '@tanstack/react-query';
import type {
  RestrictionLift,
  RestrictionSet,
  RestrictionState,
  RetentionDestroy,
  RetentionDestroyResult,
  RetentionReport,
  RetentionSettings,
  RetentionSettingsChange,
  SubjectAccessExport,
} from '../../../common/records';
import { api } from '../../app/api';

export const RETENTION_KEY = ['retention'] as const;
const restrictionKey = (referralId: string) => ['restriction', referralId] as const;

export function useRetentionReport() {
  return useQuery({ queryKey: RETENTION_KEY, queryFn: () => api<RetentionReport>('/api/admin/retention') });
}

export function destroyRecords(body: RetentionDestroy): Promise<RetentionDestroyResult> {
  return api('/api/admin/retention/destroy', { method: 'POST', body });
}

export function changeRetentionSettings(body: RetentionSettingsChange): Promise<RetentionSettings> {
  return api('/api/admin/retention/settings', { method: 'PUT', body });
}

export function useSubjectAccessExport(referralId: string) {
  return useQuery({
    queryKey: ['subject-access', referralId],
    queryFn: () => api<SubjectAccessExport>(`/api/referrals/${encodeURIComponent(referralId)}/person/export`),
    // Each export is audited: fetch it once per visit, never again in the background.
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    retry: false,
  });
}

export function useRestriction(referralId: string) {
  return useQuery({
    queryKey: restrictionKey(referralId),
    queryFn: () => api<RestrictionState>(`/api/referrals/${encodeURIComponent(referralId)}/person/restriction`),
  });
}

export function restrict(referralId: string, body: RestrictionSet): Promise<RestrictionState> {
  return api(`/api/referrals/${encodeURIComponent(referralId)}/person/restriction`, { method: 'PUT', body });
}

export function liftRestriction(referralId: string, body: RestrictionLift): Promise<RestrictionState> {
  return api(`/api/referrals/${encodeURIComponent(referralId)}/person/restriction/lift`, { method: 'POST', body });
}

export function restrictionChanged(queryClient: QueryClient, referralId: string) {
  return queryClient.invalidateQueries({ queryKey: restrictionKey(referralId) });
}
