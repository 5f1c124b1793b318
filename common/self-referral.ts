// The residents' self-referral (issue 14): the questions' field names, the pages that ask them,
// and the reasons in everyday words. Shared by the API (which validates) and the web journey
// (which shows each page's errors from the API's field errors).

/** Reason codes (the code table's) as a resident would say them; an unknown code shows its label. */
export const EVERYDAY_REASONS: Record<string, string> = {
  loneliness: 'I feel lonely',
  social_isolation: 'I do not see many people',
  low_mood: 'I feel low or down',
  anxiety: 'I feel anxious or worried a lot',
  stress: 'I feel stressed',
  housing: 'A problem with my home or housing',
  debt: 'I am in debt',
  money: 'I am worried about money',
  benefits: 'Help with benefits',
  employment: 'Help with work or finding a job',
  physical_inactivity: 'I would like to be more active',
  weight: 'Help with my weight',
  ltc_self_management: 'Living with a long-term health condition',
  carer_strain: 'I look after someone and need support',
  bereavement: 'Someone close to me has died',
  frailty: 'Getting about or managing at home is harder',
  frequent_attendance: 'I see my GP a lot',
  other: 'Something else',
};

/** Who the referral is for. */
export const FOR_WHOM = ['self', 'someone_else'] as const;
export type ForWhom = (typeof FOR_WHOM)[number];

/** The answers the journey collects, as the API takes them (all strings or booleans from forms). */
export interface SelfReferralAnswers {
  forWhom?: ForWhom;
  onBehalfName?: string;
  onBehalfRelationship?: string;
  onBehalfPhone?: string;
  onBehalfEmail?: string;
  personAgreed?: boolean;
  givenName?: string;
  familyName?: string;
  dateOfBirth?: string;
  preferredContact?: string;
  phone?: string;
  email?: string;
  contactTimes?: string;
  postcode?: string;
  /** A practice id, or absent with practiceUnknown true. */
  practiceId?: string;
  practiceUnknown?: boolean;
  reasons?: string[];
  details?: string;
  language?: string;
  interpreterNeeded?: boolean;
  accessibilityNeeds?: string;
  consentToReferral?: boolean;
  consentToShare?: boolean;
}

export type SelfReferralField = keyof SelfReferralAnswers;

/** How long, at least, a person takes from the start page to sending (a bot takes none). */
export const MIN_SECONDS_TO_FILL = 8;
/** The largest body the self-referral routes read. */
export const SELF_REFERRAL_BODY_LIMIT = 16 * 1024;

/** A referral's status as the person who made it reads it (status check). */
export const PUBLIC_STATUS_WORDS: Record<string, { title: string; detail: string }> = {
  received: {
    title: 'Received',
    detail: 'The team has your referral and will look at it soon.',
  },
  triaged: {
    title: 'Being arranged',
    detail: 'The team has looked at your referral and is choosing who will work with you.',
  },
  allocated: {
    title: 'Someone will contact you',
    detail: 'A member of the team has been chosen to work with you and will contact you.',
  },
  first_contact: { title: 'In progress', detail: 'You are working with the team.' },
  active: { title: 'In progress', detail: 'You are working with the team.' },
  discharged: { title: 'Finished', detail: 'Your time with the team has finished.' },
  declined: {
    title: 'Closed',
    detail: 'The team could not take this referral. They will have told you why, or will do soon.',
  },
  redirected: {
    title: 'Closed',
    detail: 'The team has passed you on to a service better suited to help. They will have told you about it.',
  },
  not_contactable: { title: 'Closed', detail: 'The team tried to contact you but could not reach you.' },
};

/** A self-referral straight to a community group (issue 14, point 3): where it stands, in everyday words. */
export const PUBLIC_GROUP_STATUS_WORDS: Record<string, { title: string; detail: string }> = {
  sent: {
    title: 'Sent',
    detail: 'The group has your referral. They will contact you, usually within a week.',
  },
  accepted: {
    title: 'Accepted',
    detail: 'The group has accepted your referral and will contact you, or already has.',
  },
  declined: {
    title: 'Closed',
    detail: 'The group could not take this referral. They will have told you why, or will do soon.',
  },
  closed: { title: 'Finished', detail: 'The group has closed this referral.' },
};

/** What the status check answers: the status in words and how to reach the team, nothing else. */
export interface SelfReferralStatus {
  reference: string;
  status: string;
  title: string;
  detail: string;
  team: { name: string; phone: string | null; email: string | null };
}
