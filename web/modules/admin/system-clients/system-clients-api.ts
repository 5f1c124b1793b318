import { useQuery } from '@tanstack/react-query';
import type { SystemClient, SystemClientCreated, SystemClientList } from '../../../../common/system-clients';
import { api } from '../../../app/api';

export const SYSTEM_CLIENTS_KEY = ['system-clients'] as const;

export function useSystemClients() {
  return useQuery({ queryKey: SYSTEM_CLIENTS_KEY, queryFn: () => api<SystemClientList>('/api/admin/system-clients') });
}

export interface NewSystemClient {
  name: string;
  organisationId: string;
  authMethod: 'private_key_jwt' | 'client_secret';
  jwks?: string;
  scopes: string[];
}

export function registerSystemClient(body: NewSystemClient): Promise<SystemClientCreated> {
  return api('/api/admin/system-clients', { method: 'POST', body });
}

export function revokeSystemClient(id: string): Promise<SystemClient> {
  return api(`/api/admin/system-clients/${encodeURIComponent(id)}/revoke`, { method: 'POST', body: {} });
}
