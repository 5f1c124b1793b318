import { useQuery } from '@tanstack/react-query';
import type {
  AcceptInput,
  AttendanceInput,
  CloseInput,
  DeclineInput,
  Inbox,
  InboxTab,
  PartnerReferralView,
} from '../../../common/onward-referrals';
import { api } from '../../app/api';

/** Every partner query starts with this: a live event refreshes them all. */
export const PARTNER_KEY = ['partner-referrals'] as const;

export function useInbox(tab: InboxTab) {
  return useQuery({
    queryKey: [...PARTNER_KEY, 'inbox', tab],
    queryFn: () => api<Inbox>(`/api/partner/referrals?tab=${tab}`),
  });
}

export function usePartnerReferral(id: string) {
  return useQuery({
    queryKey: [...PARTNER_KEY, 'one', id],
    queryFn: () => api<PartnerReferralView>(`/api/partner/referrals/${encodeURIComponent(id)}`),
  });
}

export interface Answers {
  accept: AcceptInput;
  decline: DeclineInput;
  attendance: AttendanceInput;
  close: CloseInput;
}

export function answerReferral<K extends keyof Answers>(id: string, verb: K, body: Answers[K]) {
  return api<PartnerReferralView>(`/api/partner/referrals/${encodeURIComponent(id)}/${verb}`, {
    method: 'POST',
    body,
  });
}

/** How an answer form sends its answer: the inbox's API, or (given by its page) the secure link's. */
export type SendAnswer = <K extends keyof Answers>(verb: K, body: Answers[K]) => Promise<PartnerReferralView>;

export type { Inbox, InboxTab, PartnerReferralView };
