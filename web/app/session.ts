import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../common/api-types';
import type { Permission } from '../../common/permissions';
import { ApiError, api, setCsrfToken } from './api';

export const ME_KEY = ['me'] as const;

/** Who is signed in, or null when nobody is (401). */
async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api<Me>('/api/auth/me', { unauthorisedIsAnswer: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000 });
}

/** The signed-in user. Only for components rendered inside the session gate. */
export function useSignedInMe(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useSignedInMe used outside the session gate');
  return data;
}

export function hasPermission(me: Me | null | undefined, permission: Permission): boolean {
  return !!me?.permissions.includes(permission);
}

/** Why the user is being shown the sign-in page, to explain it to them. */
export type SignedOutReason = 'signed-out' | 'expired' | 'password-reset' | 'locked';
const SIGNED_OUT_REASON_KEY = ['signed-out-reason'] as const;

export function signedOutReason(queryClient: QueryClient): SignedOutReason | undefined {
  return queryClient.getQueryData<SignedOutReason>(SIGNED_OUT_REASON_KEY);
}

export function rememberSignedIn(queryClient: QueryClient, me: Me): void {
  setCsrfToken(me.csrfToken);
  queryClient.removeQueries({ queryKey: SIGNED_OUT_REASON_KEY });
  queryClient.setQueryData(ME_KEY, me);
}

/**
 * Forget everything the previous session fetched: the next person must not see it. The session
 * gate then sends the user to the sign-in page, which explains why (one redirect, no races).
 */
export function forgetSession(queryClient: QueryClient, reason: SignedOutReason): void {
  setCsrfToken(null);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  queryClient.setQueryData(SIGNED_OUT_REASON_KEY, reason);
  queryClient.setQueryData(ME_KEY, null);
}

/** Ends the session on the server, then forgets it here (which leads to the sign-in page). */
export function useSignOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    try {
      await api<void>('/api/auth/sign-out', { method: 'POST', unauthorisedIsAnswer: true });
    } finally {
      forgetSession(queryClient, 'signed-out');
    }
  };
}
