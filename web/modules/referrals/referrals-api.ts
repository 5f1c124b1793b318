import { keepPreviousData, type QueryClient, useQuery } from '@tanstack/react-query';
import type {
  OpenReferral,
  PossibleMatch,
  PracticeReferralsPage,
  Problem,
  ReferralCreated,
  ReferralReasons,
  ReferralStatusView,
} from '../../../common/api-types';
import type { GpMessage } from '../../../common/cases';
import type { EthnicCategory, GenderIdentity, Sex } from '../../../common/equality';
import { ApiError, api, queryString } from '../../app/api';
import { forgetSession } from '../../app/session';

export type { OpenReferral, PossibleMatch, PracticeReferralsPage, ReferralReason } from '../../../common/api-types';

/** What the form sends: see ZReferralCreate on the server for every rule. */
export interface NewReferral {
  person: {
    nhsNumber?: string;
    noNhsNumber?: boolean;
    givenName: string;
    familyName: string;
    dateOfBirth?: string;
    postcode?: string;
    phone?: string;
    email?: string;
    preferredContact?: string;
    language?: string;
    interpreterNeeded: boolean;
    accessibilityNeeds?: string;
    registeredPracticeId?: string;
    sex?: Sex;
    genderIdentity?: GenderIdentity;
    genderIdentityDescription?: string;
    ethnicity?: EthnicCategory;
  };
  source?: string;
  practiceId?: string;
  referrer?: { name?: string; organisation?: string; contact?: string };
  reasons: string[];
  details?: string;
  urgencyRequested?: string;
  consentToReferral: boolean;
  consentToShare?: boolean;
  safeguardingConcern: boolean;
  personId?: string;
  confirmedNewPerson?: boolean;
  confirmedSecondReferral?: boolean;
}

export const PRACTICE_REFERRALS_KEY = ['practice-referrals'] as const;

export function useReferralReasons() {
  return useQuery({
    queryKey: ['referral-reasons'],
    queryFn: () => api<ReferralReasons>('/api/referral-reasons').then((r) => r.reasons),
    staleTime: 5 * 60_000,
  });
}

export interface PracticeReferralsFilter {
  page: number;
  q?: string;
  status?: string;
}

export function usePracticeReferrals(filter: PracticeReferralsFilter) {
  return useQuery({
    queryKey: [...PRACTICE_REFERRALS_KEY, filter],
    queryFn: () =>
      api<PracticeReferralsPage>(
        `/api/practice/referrals${queryString({ page: String(filter.page), q: filter.q, status: filter.status })}`,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useReferralStatus(id: string) {
  return useQuery({
    queryKey: ['referral-status', id],
    queryFn: () => api<ReferralStatusView>(`/api/referrals/${encodeURIComponent(id)}/status`),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
}

/** The 409 answer when Waymark may already know the person (no NHS number given). */
export interface PossibleDuplicatesProblem extends Problem {
  code: 'possible_duplicates';
  matches: PossibleMatch[];
}

export function possibleDuplicates(error: unknown): PossibleMatch[] | null {
  if (!(error instanceof ApiError) || error.status !== 409 || error.problem.code !== 'possible_duplicates') return null;
  return (error.problem as PossibleDuplicatesProblem).matches;
}

export function openReferral(error: unknown): OpenReferral | null {
  if (!(error instanceof ApiError) || error.status !== 409 || error.problem.code !== 'open_referral') return null;
  return (error.problem as Problem & { openReferral: OpenReferral }).openReferral;
}

/**
 * Sends a referral with its Idempotency-Key, so a retry after a lost answer (double click, flaky
 * network) returns the first referral instead of making a second. The shared API client has no
 * way to add a header, hence this small fetch of its own, which follows the same rules: CSRF
 * token on the write, problem+json errors as ApiError, a 401 ends the session.
 */
export async function sendReferral(
  referral: NewReferral,
  opts: { idempotencyKey: string; csrfToken: string; queryClient: QueryClient },
): Promise<ReferralCreated> {
  let response: Response;
  try {
    response = await fetch('/api/referrals', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'X-CSRF-Token': opts.csrfToken,
        'Idempotency-Key': opts.idempotencyKey,
      },
      body: JSON.stringify(referral),
    });
  } catch {
    throw new ApiError(0, {
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      code: 'network',
      detail:
        'Waymark could not be reached, so the referral may not have been sent. Check your connection and send it again: it will not be sent twice.',
    });
  }
  const data: unknown = await response.json().catch(() => undefined);
  if (response.ok) return data as ReferralCreated;
  if (response.status === 401) forgetSession(opts.queryClient, 'expired');
  const problem =
    data && typeof data === 'object' && 'detail' in data
      ? (data as Problem)
      : {
          type: 'about:blank',
          title: response.statusText || 'Error',
          status: response.status,
          code: 'unexpected',
          detail: 'Sorry, there is a problem with the service. Try again later.',
        };
  throw new ApiError(response.status, problem);
}

export const gpMessageKey = (id: string) => ['gp-message', id] as const;

/**
 * The message back to the GP, which the referring practice reads too; null until the case is
 * discharged (the API answers 404).
 */
export function useGpMessage(id: string, enabled = true) {
  return useQuery({
    queryKey: gpMessageKey(id),
    enabled,
    queryFn: async () => {
      try {
        return await api<GpMessage>(`/api/referrals/${encodeURIComponent(id)}/gp-message`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}
