import { useQuery } from '@tanstack/react-query';
import type { ListingInput } from '../../../common/directory';
import type {
  ListingProposalReview,
  OurEvents,
  OurProposals,
  ServiceEvent,
  ServiceEventInput,
} from '../../../common/showcase';
import { api } from '../../app/api';

export const OUR_EVENTS_KEY = ['directory-our-events'] as const;
export const OUR_PROPOSALS_KEY = ['directory-our-proposals'] as const;
export const PROPOSAL_KEY = ['directory-review', 'proposal'] as const;

const event = (id: string) => `/api/directory/our-events/${encodeURIComponent(id)}`;
const proposal = (id: string) => `/api/directory/proposals/${encodeURIComponent(id)}`;

export function useOurEvents() {
  return useQuery({
    queryKey: OUR_EVENTS_KEY,
    queryFn: () => api<OurEvents>('/api/directory/our-events'),
    retry: false,
  });
}

export const addEvent = (serviceId: string, body: ServiceEventInput) =>
  api<ServiceEvent>(`/api/directory/our-listings/${encodeURIComponent(serviceId)}/events`, { method: 'POST', body });

export const editEvent = (id: string, expectedVersion: number, body: ServiceEventInput) =>
  api<ServiceEvent>(event(id), { method: 'PUT', body: { ...body, expected_version: expectedVersion } });

export const cancelEvent = (id: string, expectedVersion: number) =>
  api<ServiceEvent>(`${event(id)}/cancel`, { method: 'POST', body: { expected_version: expectedVersion } });

export function useOurProposals() {
  return useQuery({
    queryKey: OUR_PROPOSALS_KEY,
    queryFn: () => api<OurProposals>('/api/directory/our-proposals'),
    retry: false,
  });
}

export const proposeListing = (proposed: ListingInput) =>
  api<{ proposal_id: string }>('/api/directory/our-proposals', { method: 'POST', body: { proposed } });

export function useProposal(id: string) {
  return useQuery({
    queryKey: [...PROPOSAL_KEY, id],
    queryFn: () => api<ListingProposalReview>(proposal(id)),
    retry: false,
  });
}

export const approveProposal = (id: string) =>
  api<ListingProposalReview>(`${proposal(id)}/approve`, { method: 'POST', body: {} });

export const rejectProposal = (id: string, reason: string) =>
  api<ListingProposalReview>(`${proposal(id)}/reject`, { method: 'POST', body: { reason } });
