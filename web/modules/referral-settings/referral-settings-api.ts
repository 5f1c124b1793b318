import { useQuery } from '@tanstack/react-query';
import type { ReferralSettingsInput, ReferralSettingsView } from '../../../common/referral-settings';
import { api } from '../../app/api';

/** Who edits decides the address: reviewers any service of their ICB, a partner its own listings. */
export type SettingsAudience = 'staff' | 'partner';

const urlOf = (audience: SettingsAudience, serviceId: string) =>
  audience === 'staff'
    ? `/api/directory/services/${encodeURIComponent(serviceId)}/referral-settings`
    : `/api/directory/our-listings/${encodeURIComponent(serviceId)}/referral-settings`;

export const referralSettingsKey = (audience: SettingsAudience, serviceId: string) =>
  ['referral-settings', audience, serviceId] as const;

export function useReferralSettings(audience: SettingsAudience, serviceId: string) {
  return useQuery({
    queryKey: referralSettingsKey(audience, serviceId),
    queryFn: () => api<ReferralSettingsView>(urlOf(audience, serviceId)),
  });
}

export function saveReferralSettings(
  audience: SettingsAudience,
  serviceId: string,
  input: ReferralSettingsInput,
): Promise<ReferralSettingsView> {
  return api(urlOf(audience, serviceId), { method: 'PUT', body: input });
}
