import { useQuery } from '@tanstack/react-query';
import type {
  GpMessageDeliveryList,
  SystemClient,
  SystemClientCreated,
  SystemClientList,
  WebhookSetAnswer,
} from '../../../../common/system-clients';
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

// The message back's webhook of one system (issue 17 point 4) and its deliveries.
export const deliveriesKey = (id: string) => ['system-clients', id, 'deliveries'] as const;

export function useDeliveries(id: string, enabled: boolean) {
  return useQuery({
    queryKey: deliveriesKey(id),
    enabled,
    queryFn: () => api<GpMessageDeliveryList>(`/api/admin/system-clients/${encodeURIComponent(id)}/deliveries`),
  });
}

export function setWebhook(input: { id: string; url: string }): Promise<WebhookSetAnswer> {
  return api(`/api/admin/system-clients/${encodeURIComponent(input.id)}/webhook`, {
    method: 'PUT',
    body: { url: input.url },
  });
}

export function removeWebhook(id: string): Promise<SystemClient> {
  return api(`/api/admin/system-clients/${encodeURIComponent(id)}/webhook`, { method: 'DELETE' });
}
