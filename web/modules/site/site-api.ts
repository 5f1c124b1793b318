import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

export interface SiteInfo {
  supportEmail: string;
  sessionCookie: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
}

export function useSiteInfo() {
  return useQuery({ queryKey: ['site'], queryFn: () => api<SiteInfo>('/api/public/site'), staleTime: 5 * 60_000 });
}
