import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { UserList } from '../../../../common/admin-lists';
import type { StaffMember } from '../../../../common/api-types';
import type { Role } from '../../../../common/roles';
import { api, queryString } from '../../../app/api';

export const USERS_KEY = ['admin', 'users'] as const;

/** One page of the ICB's users, as the list's filters, sort and page ask. */
export function useUserList(query: Record<string, string | undefined>) {
  return useQuery({
    queryKey: [...USERS_KEY, 'list', query],
    queryFn: () => api<UserList>(`/api/admin/users${queryString(query)}`),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string | undefined) {
  return useQuery({
    queryKey: [...USERS_KEY, 'one', id],
    queryFn: () => api<StaffMember>(`/api/admin/users/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

export interface NewUser {
  name: string;
  email: string;
  role: Role;
  organisationId: string;
  password: string;
  band?: string | null;
  fte?: number | null;
  caseloadCapacity?: number | null;
}

export function createUser(user: NewUser): Promise<StaffMember> {
  return api('/api/admin/users', { method: 'POST', body: user });
}

export interface UserChanges {
  version: number;
  name?: string;
  role?: Role;
  active?: boolean;
  band?: string | null;
  fte?: number | null;
  caseloadCapacity?: number | null;
}

export function updateUser(id: string, changes: UserChanges): Promise<StaffMember> {
  return api(`/api/admin/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: changes });
}

export function resetSecondFactor(id: string): Promise<StaffMember> {
  return api(`/api/admin/users/${encodeURIComponent(id)}/second-factor/reset`, { method: 'POST', body: {} });
}
