import { useQuery } from '@tanstack/react-query';
import type { ReferralView } from '../../../common/api-types';
import type { Priority } from '../../../common/referrals';
import { api } from '../../app/api';

// Shapes of GET /api/caseload (server/modules/allocation/use-cases/caseload.ts).

export type FirstContactDue = 'overdue' | 'due_today' | 'upcoming' | 'no_target' | 'made';

export interface CaseloadItem {
  id: string;
  version: number;
  person: { givenName: string; familyName: string; nhsNumber: string | null; dateOfBirth: string };
  reasons: { code: string; label: string }[];
  priority: Priority | null;
  status: 'allocated' | 'first_contact';
  statusLabel: string;
  safeguardingConcern: boolean;
  allocatedAt: string | null;
  firstContactDueAt: string | null;
  firstContactAt: string | null;
  firstContactDue: FirstContactDue;
  cover: { kind: 'covering' | 'covered'; worker: { id: string; name: string } } | null;
}

export interface Caseload {
  items: CaseloadItem[];
  counts: { total: number; awaitingFirstContact: number; overdue: number; covering: number };
}

export const CASELOAD_KEY = ['caseload'] as const;

export function useCaseload() {
  return useQuery({ queryKey: CASELOAD_KEY, queryFn: () => api<Caseload>('/api/caseload') });
}

export type FirstContactOutcome = 'accepted' | 'declined' | 'not_contactable';

export function recordFirstContact(
  id: string,
  body: { version: number; outcome: FirstContactOutcome; at?: string; note?: string },
): Promise<ReferralView> {
  return api(`/api/referrals/${encodeURIComponent(id)}/first-contact`, { method: 'POST', body });
}
