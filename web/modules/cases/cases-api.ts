import { type QueryClient, useQuery } from '@tanstack/react-query';
import type {
  CaseRecord,
  ContactMode,
  ContactOutcome,
  DischargeReason,
  GpMessage,
  PlannedContact,
  TimelineItem,
} from '../../../common/cases';
import type { EqualityAnswers } from '../../../common/equality';
import { api } from '../../app/api';
import { gpMessageKey } from '../referrals/referrals-api';

export const caseKey = (id: string) => ['case', id] as const;
const path = (id: string, tail: string) => `/api/referrals/${encodeURIComponent(id)}/${tail}`;

export function useCaseRecord(id: string) {
  return useQuery({ queryKey: caseKey(id), queryFn: () => api<CaseRecord>(path(id, 'case')) });
}

export interface PlannedContactBody {
  at: string;
  mode: ContactMode;
  purpose?: string;
}

export function recordContact(
  id: string,
  body: {
    at: string;
    mode: ContactMode;
    durationMinutes: number;
    outcome: ContactOutcome;
    notes?: string;
    next?: PlannedContactBody;
  },
): Promise<TimelineItem> {
  return api(path(id, 'contacts'), { method: 'POST', body });
}

export function planContact(id: string, body: PlannedContactBody): Promise<PlannedContact> {
  return api(path(id, 'planned-contacts'), { method: 'POST', body });
}

export function cancelPlannedContact(id: string, plannedId: string): Promise<PlannedContact> {
  return api(path(id, `planned-contacts/${encodeURIComponent(plannedId)}/cancel`), { method: 'POST', body: {} });
}

export function addNote(id: string, body: { body: string }): Promise<TimelineItem> {
  return api(path(id, 'notes'), { method: 'POST', body });
}

export function dischargeCase(
  id: string,
  body: { version: number; reason: DischargeReason; summary: string },
): Promise<GpMessage> {
  return api(path(id, 'discharge'), { method: 'POST', body });
}

export function reassignCase(
  id: string,
  body: { version: number; workerId: string; reason: string },
): Promise<CaseRecord> {
  return api(path(id, 'reassign'), { method: 'POST', body });
}

/** After a change: the case, the referral, the caseload and the message back are read again. */
export async function caseChanged(queryClient: QueryClient, id: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: caseKey(id) }),
    queryClient.invalidateQueries({ queryKey: ['referral', id] }),
    queryClient.invalidateQueries({ queryKey: ['caseload'] }),
    queryClient.invalidateQueries({ queryKey: gpMessageKey(id) }),
  ]);
}

export type EqualityAnswersBody = EqualityAnswers & { version: number };

/** All four answers at once (null = not asked), from the version of the person record shown. */
export function updateEqualityAnswers(id: string, body: EqualityAnswersBody): Promise<unknown> {
  return api(path(id, 'person/equality'), { method: 'PUT', body });
}
