import { useQuery } from '@tanstack/react-query';
import type { ListingInput } from '../../../common/directory';
import type {
  ChangeReview,
  PartnerListingSummary,
  PartnerListingView,
  ProposeChangeResult,
  ReportRef,
  ReviewActionResult,
  ReviewEditBody,
  ReviewListingView,
  ReviewQueue,
} from '../../../common/directory-maintenance';
import { api } from '../../app/api';

export const REVIEW_KEY = ['directory-review'] as const;
export const OUR_LISTINGS_KEY = ['directory-our-listings'] as const;

const service = (id: string) => `/api/directory/review/services/${encodeURIComponent(id)}`;
const change = (id: string) => `/api/directory/changes/${encodeURIComponent(id)}`;
const ours = (id: string) => `/api/directory/our-listings/${encodeURIComponent(id)}`;

export function useReviewQueue() {
  return useQuery({
    queryKey: [...REVIEW_KEY, 'queue'],
    queryFn: () => api<ReviewQueue>('/api/directory/review-queue'),
    retry: false,
  });
}

export function useListingForReview(serviceId: string) {
  return useQuery({
    queryKey: [...REVIEW_KEY, 'service', serviceId],
    queryFn: () => api<ReviewListingView>(service(serviceId)),
    retry: false,
  });
}

export const confirmUnchanged = (serviceId: string) =>
  api<ReviewActionResult>(`${service(serviceId)}/confirm`, { method: 'POST', body: {} });

export const editListing = (
  serviceId: string,
  expectedVersion: number,
  listing: ListingInput,
  liftConfidentialityOf: string[] = [],
) =>
  api<ReviewActionResult>(service(serviceId), {
    method: 'PUT',
    body: {
      expected_version: expectedVersion,
      listing,
      lift_confidentiality_of: liftConfidentialityOf,
    } satisfies ReviewEditBody,
  });

export const retireListing = (serviceId: string, reason: string) =>
  api<ReviewActionResult>(`${service(serviceId)}/retire`, { method: 'POST', body: { reason } });

export const dismissReport = (serviceId: string, reportId: string, reason: string) =>
  api<ReportRef>(`${service(serviceId)}/reports/${encodeURIComponent(reportId)}/dismiss`, {
    method: 'POST',
    body: { reason },
  });

export function useChange(changeId: string) {
  return useQuery({
    queryKey: [...REVIEW_KEY, 'change', changeId],
    queryFn: () => api<ChangeReview>(change(changeId)),
    retry: false,
  });
}

export const approveChange = (changeId: string) =>
  api<ChangeReview>(`${change(changeId)}/approve`, { method: 'POST', body: {} });

export const rejectChange = (changeId: string, reason: string) =>
  api<ChangeReview>(`${change(changeId)}/reject`, { method: 'POST', body: { reason } });

export function useOurListings() {
  return useQuery({
    queryKey: [...OUR_LISTINGS_KEY],
    queryFn: () => api<PartnerListingSummary[]>('/api/directory/our-listings'),
    retry: false,
  });
}

export function useOurListing(serviceId: string) {
  return useQuery({
    queryKey: [...OUR_LISTINGS_KEY, serviceId],
    queryFn: () => api<PartnerListingView>(ours(serviceId)),
    retry: false,
  });
}

export const proposeChange = (serviceId: string, baseVersion: number, proposed: ListingInput) =>
  api<ProposeChangeResult>(`${ours(serviceId)}/changes`, {
    method: 'POST',
    body: { base_version: baseVersion, proposed },
  });
