// How services take referrals through Waymark: what other modules (onward referrals, the
// residents' self-referral, the reminders' task list) read, and the settings' own routes.
export { getReferralSettings, type SettingsEditor, setReferralSettings } from './edit-settings.js';
export { serviceNames as referralServiceNames } from './referral-settings.repository.js';
export {
  findReferralTarget,
  type LinkAddress,
  linkAddressOf,
  publicContactOf,
  REFERRAL_DEFAULTS,
  type ReferralSettings,
  type ReferralTarget,
  referralSettingsOf,
  selfReferralOpen,
} from './referral-target.js';
