// How services take referrals through Waymark: what other modules (onward referrals, the
// residents' self-referral) read, and the settings' own routes.
export {
  findReferralTarget,
  type ReferralSettings,
  type ReferralTarget,
  referralSettingsOf,
} from './referral-target.js';
