// Texts and emails to residents (GOV.UK Notify): what both the server and the timeline know of them.

export const RESIDENT_MESSAGE_KINDS = [
  'self_referral_confirmation',
  'first_contact_appointment',
  'contact_reminder',
  'secure_link',
  'secure_link_code',
  'video_link',
] as const;
export type ResidentMessageKind = (typeof RESIDENT_MESSAGE_KINDS)[number];

export const RESIDENT_MESSAGE_CHANNELS = ['sms', 'email'] as const;
export type ResidentMessageChannel = (typeof RESIDENT_MESSAGE_CHANNELS)[number];

/**
 * 'queued' until Notify accepts it ('sent'); then Notify's own words from its delivery receipts.
 * 'sending' is Notify's "passed to the phone network or email provider", kept if a receipt says it.
 */
export const RESIDENT_MESSAGE_STATUSES = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'permanent-failure',
  'temporary-failure',
  'technical-failure',
] as const;
export type ResidentMessageStatus = (typeof RESIDENT_MESSAGE_STATUSES)[number];

/** The statuses a delivery receipt may carry (everything after Notify accepted the message). */
export const RECEIPT_STATUSES = [
  'sending',
  'delivered',
  'permanent-failure',
  'temporary-failure',
  'technical-failure',
] as const satisfies readonly ResidentMessageStatus[];

export const RESIDENT_MESSAGE_KIND_LABELS: Record<ResidentMessageKind, string> = {
  self_referral_confirmation: 'Self-referral confirmation',
  first_contact_appointment: 'First appointment details',
  contact_reminder: 'Reminder of the appointment the next day',
  secure_link: 'Secure link',
  secure_link_code: 'Code for a secure link',
  video_link: 'Link to a video appointment',
};

export const RESIDENT_MESSAGE_CHANNEL_LABELS: Record<ResidentMessageChannel, string> = {
  sms: 'text message',
  email: 'email',
};

// Notify's failure words, said plainly: what the team can act on (check the number, try again).
export const RESIDENT_MESSAGE_STATUS_LABELS: Record<ResidentMessageStatus, string> = {
  queued: 'Queued',
  sending: 'Sent',
  sent: 'Sent',
  delivered: 'Delivered',
  'permanent-failure': 'Not delivered: the number or address is wrong or does not exist',
  'temporary-failure': 'Not delivered: the phone or inbox could not take it (switched off or full)',
  'technical-failure': 'Not delivered: a technical problem at GOV.UK Notify',
};
