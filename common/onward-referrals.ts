import { z } from 'zod';
import { zDate } from './schemas/dates.js';
import { zPostcode } from './schemas/fields.js';
import { zInt, zQueryInt, zVersion } from './schemas/numbers.js';
import { zMultilineText, zText } from './schemas/text.js';

// The loop with the voluntary sector (DESIGN.md §2.5, issue 12): a worker signposts or refers a
// person from their case to a community service; the organisation answers in its inbox (partner
// users) or through a secure link (no accounts), records attendance and closes with an outcome.
// Shared by server and web: the words, the request schemas and the response shapes.

export const ONWARD_KINDS = ['signpost', 'referral'] as const;
export type OnwardKind = (typeof ONWARD_KINDS)[number];
export const ONWARD_KIND_LABELS = {
  signpost: 'Signposted',
  referral: 'Referred',
} as const satisfies Record<OnwardKind, string>;

/** Who sent it: a worker from a case, or the resident straight from the public directory. */
export const ONWARD_SOURCES = ['team', 'self'] as const;
export type OnwardSource = (typeof ONWARD_SOURCES)[number];

/** How the organisation receives a referral: its partner users' inbox, or a secure link by email. */
export const DELIVERIES = ['inbox', 'link'] as const;
export type Delivery = (typeof DELIVERIES)[number];

/**
 * signposted: told about the service, nothing shared (final). sent: waiting for the organisation.
 * accepted: the organisation took the person on. declined / closed: finished.
 */
export const ONWARD_STATUSES = ['signposted', 'sent', 'accepted', 'declined', 'closed'] as const;
export type OnwardStatus = (typeof ONWARD_STATUSES)[number];
export const ONWARD_STATUS_LABELS = {
  signposted: 'Signposted',
  sent: 'Waiting for reply',
  accepted: 'Accepted',
  declined: 'Declined',
  closed: 'Closed',
} as const satisfies Record<OnwardStatus, string>;

/** The partner inbox's tabs: new (not opened yet), waiting for reply (opened), active, closed. */
export const INBOX_TABS = ['new', 'waiting', 'active', 'closed'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];
export const INBOX_TAB_LABELS = {
  new: 'New',
  waiting: 'Waiting for reply',
  active: 'Active',
  closed: 'Closed',
} as const satisfies Record<InboxTab, string>;

export const DECLINE_REASONS = [
  'service_full',
  'not_eligible',
  'could_not_contact',
  'person_declined',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];
export const DECLINE_REASON_LABELS = {
  service_full: 'Service full',
  not_eligible: 'Not eligible',
  could_not_contact: 'Could not contact the person',
  person_declined: 'The person did not want it',
  other: 'Other',
} as const satisfies Record<DeclineReason, string>;

export const ATTENDANCE_KINDS = ['attended', 'did_not_attend'] as const;
export type AttendanceKind = (typeof ATTENDANCE_KINDS)[number];
export const ATTENDANCE_KIND_LABELS = {
  attended: 'Attended',
  did_not_attend: 'Did not attend',
} as const satisfies Record<AttendanceKind, string>;

export const ONWARD_OUTCOMES = ['engaged_continuing', 'completed', 'stopped_attending', 'never_attended'] as const;
export type OnwardOutcome = (typeof ONWARD_OUTCOMES)[number];
export const ONWARD_OUTCOME_LABELS = {
  engaged_continuing: 'Engaged and continuing',
  completed: 'Completed',
  stopped_attending: 'Stopped attending',
  never_attended: 'Never attended',
} as const satisfies Record<OnwardOutcome, string>;

export const ONWARD_EVENT_TYPES = [
  'signposted',
  'sent',
  'viewed',
  'accepted',
  'declined',
  'attendance',
  'closed',
  'link_sent',
  'link_revoked',
  'link_opened',
  'code_sent',
  'code_verified',
  'chased',
] as const;
export type OnwardEventType = (typeof ONWARD_EVENT_TYPES)[number];

/**
 * The minimum set a worker may share with an organisation, each only if chosen. Never the NHS
 * number, notes, the plan or measures: there is no field for them.
 */
export const SHARED_FIELDS = ['name', 'contact', 'contact_times', 'reason', 'access_needs', 'language'] as const;
export type SharedField = (typeof SHARED_FIELDS)[number];
export const SHARED_FIELD_LABELS = {
  name: 'Name',
  contact: 'How to contact them',
  contact_times: 'When to contact them',
  reason: 'What matters to them and why they are referred',
  access_needs: 'Access needs',
  language: 'Language',
} as const satisfies Record<SharedField, string>;

/** What the organisation was sent: only the chosen fields are present. */
export const SharedDetailsSchema = z.object({
  name: z.string().optional(),
  phone: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  preferredContact: z.string().optional(),
  contactTimes: z.string().optional(),
  reason: z.string().optional(),
  accessNeeds: z.string().nullable().optional(),
  language: z.string().optional(),
  interpreterNeeded: z.boolean().optional(),
  /** A self-referral only: the resident gave these themselves. */
  dateOfBirth: z.string().optional(),
  postcode: z.string().optional(),
  /** A self-referral made by someone else with the person's agreement: who they are. */
  referredBy: z
    .object({
      name: z.string(),
      relationship: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
    })
    .optional(),
});
export type SharedDetails = z.infer<typeof SharedDetailsSchema>;

export const ONWARD_TEXT_MAX = 2000;
export const DEFAULT_REPLY_WORKING_DAYS = 5;

// ---- Requests ----

const ZOnwardVersion = zVersion('must be the version of the onward referral you read');
const zNote = () => zMultilineText(ONWARD_TEXT_MAX).optional();

/**
 * From a case: signpost (nothing leaves the team) or refer (consent and the shared fields).
 * `confirmCapacity` confirms sending to a service that is full or not active now.
 */
export const CreateOnwardReferralSchema = z.object({
  serviceId: z.uuid('must be a valid service id'),
  kind: z.enum(ONWARD_KINDS, 'must be signpost or referral'),
  /** The person agreed to share the chosen details with this organisation. Required for a referral. */
  consent: z.boolean('must be true or false').optional(),
  share: z.array(z.enum(SHARED_FIELDS, 'must be one of the details that can be shared')).max(6).default([]),
  /** When the person is happy to be contacted, in the worker's words (shared as "contact_times"). */
  contactTimes: zText(200).optional(),
  /** What matters to the person and why they are referred (shared as "reason"). */
  reason: zMultilineText(ONWARD_TEXT_MAX).optional(),
  note: zNote(),
  confirmCapacity: z.boolean('must be true or false').default(false),
});
export type CreateOnwardReferral = z.input<typeof CreateOnwardReferralSchema>;

export const AcceptSchema = z.object({ version: ZOnwardVersion, note: zNote() });
export const DeclineSchema = z.object({
  version: ZOnwardVersion,
  reason: z.enum(DECLINE_REASONS, 'must be one of the reasons listed'),
  /** Required when the reason is "other". */
  note: zNote(),
});
export const AttendanceSchema = z.object({
  version: ZOnwardVersion,
  kind: z.enum(ATTENDANCE_KINDS, 'must be attended or did not attend'),
  on: zDate(),
  /** Sessions attended since the last entry (attended only). */
  sessions: zInt(1, 200).default(1),
});
export const CloseSchema = z.object({
  version: ZOnwardVersion,
  outcome: z.enum(ONWARD_OUTCOMES, 'must be one of the outcomes listed'),
  note: zNote(),
});
export type AcceptInput = z.input<typeof AcceptSchema>;
export type DeclineInput = z.input<typeof DeclineSchema>;
export type AttendanceInput = z.input<typeof AttendanceSchema>;
export type CloseInput = z.input<typeof CloseSchema>;

// ---- Responses ----

const ZPerson = z.object({ name: z.string() }).nullable();
export const AttendanceViewSchema = z.object({
  id: z.string(),
  kind: z.enum(ATTENDANCE_KINDS),
  on: z.string(),
  sessions: z.number(),
  recordedAt: z.string(),
});

/** The parts both sides see: the service, where it stands, the organisation's answers. */
const OnwardCoreSchema = z.object({
  id: z.string(),
  kind: z.enum(ONWARD_KINDS),
  status: z.enum(ONWARD_STATUSES),
  statusLabel: z.string(),
  service: z.object({ id: z.string(), name: z.string() }),
  organisation: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
  note: z.string().nullable(),
  replyDueOn: z.string().nullable(),
  viewedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  declined: z
    .object({ at: z.string(), reason: z.enum(DECLINE_REASONS), reasonLabel: z.string(), note: z.string().nullable() })
    .nullable(),
  attendance: z.array(AttendanceViewSchema),
  sessionsAttended: z.number(),
  closed: z
    .object({ at: z.string(), outcome: z.enum(ONWARD_OUTCOMES), outcomeLabel: z.string(), note: z.string().nullable() })
    .nullable(),
  version: z.number(),
});

/** A secure link's state as the team sees it (never the token). */
export const OnwardLinkViewSchema = z.object({
  /** Where the link went: an email address, or (by text) a mobile number; the other is null. */
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  state: z.enum(['active', 'expired', 'revoked']),
  createdAt: z.string(),
  expiresAt: z.string(),
});

/** The team's view, on the case record. */
export const OnwardReferralViewSchema = OnwardCoreSchema.extend({
  referralId: z.string(),
  delivery: z.enum(DELIVERIES).nullable(),
  createdBy: ZPerson,
  consent: z.object({ recordedBy: ZPerson, at: z.string() }).nullable(),
  sharedFields: z.array(z.enum(SHARED_FIELDS)),
  sharedDetails: SharedDetailsSchema.nullable(),
  link: OnwardLinkViewSchema.nullable(),
});
export type OnwardReferralView = z.infer<typeof OnwardReferralViewSchema>;
export const OnwardReferralListSchema = z.object({ items: z.array(OnwardReferralViewSchema) });

/**
 * The organisation's view (inbox or link): what was shared (null once its access has ended),
 * who referred and how to reach the team, and its own answers. Never a case, plan, note or measure.
 */
export const PartnerReferralViewSchema = OnwardCoreSchema.extend({
  reference: z.string(),
  source: z.enum(ONWARD_SOURCES),
  tab: z.enum(INBOX_TABS),
  sharedDetails: SharedDetailsSchema.nullable(),
  accessEndsAt: z.string().nullable(),
  /** True once the access period has ended: details are gone, only counts remain. */
  anonymised: z.boolean(),
  referredBy: z.object({ name: z.string().nullable(), team: z.string(), email: z.string().nullable() }),
});
export type PartnerReferralView = z.infer<typeof PartnerReferralViewSchema>;

/** One row of the inbox list: no personal details beyond the name (when shared and not ended). */
export const InboxItemSchema = z.object({
  id: z.string(),
  reference: z.string(),
  source: z.enum(ONWARD_SOURCES),
  tab: z.enum(INBOX_TABS),
  status: z.enum(ONWARD_STATUSES),
  statusLabel: z.string(),
  service: z.object({ id: z.string(), name: z.string() }),
  personName: z.string().nullable(),
  receivedAt: z.string(),
  replyDueOn: z.string().nullable(),
  anonymised: z.boolean(),
});
export type InboxItem = z.infer<typeof InboxItemSchema>;
export const InboxSchema = z.object({
  tab: z.enum(INBOX_TABS),
  items: z.array(InboxItemSchema),
  counts: z.object({ new: z.number(), waiting: z.number(), active: z.number(), closed: z.number() }),
});
export type Inbox = z.infer<typeof InboxSchema>;

/** Shown beside a service in the worker's search once there is history (null before). */
export const ReplyStatsSchema = z.object({
  organisationId: z.string(),
  referrals: z.number(),
  /** Median working days from sent to the first answer (accept or decline). */
  medianReplyWorkingDays: z.number().nullable(),
  /** Share of answered referrals accepted, 0–100. */
  acceptedPercent: z.number().nullable(),
});
export type ReplyStats = z.infer<typeof ReplyStatsSchema>;

// ---- The worker's side (refer): finding a service for the person of a case ----

const blankAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** GET /api/referrals/:id/onward-referrals/services: the directory search, from the person's postcode. */
export const OnwardServiceQuerySchema = z.object({
  text: z.preprocess(blankAsUndefined, zText(200).optional()),
  category: z.preprocess(blankAsUndefined, z.uuid('must be a category id').optional()),
  /** Another postcode than the person's, e.g. where they work. */
  postcode: z.preprocess(blankAsUndefined, zPostcode().optional()),
  within_miles: z.preprocess(
    blankAsUndefined,
    z.coerce
      .number({ message: 'must be a number of miles' })
      .positive('must be more than 0')
      .max(200, 'must be 200 or less')
      .optional(),
  ),
  page: z.preprocess(blankAsUndefined, zQueryInt(1, 10_000, { type: 'must be a whole number' }).optional()),
});
export type OnwardServiceQuery = z.input<typeof OnwardServiceQuerySchema>;

export const OnwardServiceResultSchema = z.object({
  id: z.string(),
  name: z.string(),
  organisationName: z.string(),
  description: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  capacity: z.string(),
  capacityLabel: z.string(),
  categories: z.array(z.object({ id: z.string(), name: z.string() })),
  where: z.string().nullable(),
  areaWide: z.boolean(),
  distanceMiles: z.number().nullable(),
  opening: z.array(z.string()),
  takesReferrals: z.boolean(),
  /** The service's next published session or event (the partner's showcase), if any. */
  nextEvent: z.object({ title: z.string(), startsAt: z.string() }).nullable(),
  /** Null until the organisation has answered a referral in the last year. */
  replyStats: ReplyStatsSchema.nullable(),
});
export type OnwardServiceResult = z.infer<typeof OnwardServiceResultSchema>;

export const OnwardServiceSearchSchema = z.object({
  /** The postcode distances are measured from (the person's, unless another was given). */
  postcode: z.string().nullable(),
  postcodeUnknown: z.boolean(),
  correctedText: z.string().nullable(),
  total: z.number(),
  page: z.number(),
  perPage: z.number(),
  results: z.array(OnwardServiceResultSchema),
});
export type OnwardServiceSearch = z.infer<typeof OnwardServiceSearchSchema>;
// ---- The secure link (link helper): what its public pages send and receive ----

/** The token from the emailed link (#token=…), sent in a request body, never in a URL. */
const zLinkSecret = (what: string) =>
  z
    .string(`must be the ${what}`)
    .max(100, `must be the ${what}`)
    .regex(/^[A-Za-z0-9_-]{20,100}$/, `must be the ${what}`);
export const LinkTokenSchema = z.object({ token: zLinkSecret('token from the link') });
export const LinkOpenSchema = LinkTokenSchema.extend({
  /** An access session the page still holds, if any: then no code is needed. */
  access: zLinkSecret('access from the code you entered').optional(),
});
export const LinkVerifySchema = LinkTokenSchema.extend({
  code: z.string('must be the 6-digit code from the email').regex(/^\d{6}$/, 'must be the 6 digits from the email'),
});
/** Every step after the code: the token and the access the code gave. */
export const LinkAccessSchema = LinkTokenSchema.extend({ access: zLinkSecret('access from the code you entered') });
export type LinkAccess = z.infer<typeof LinkAccessSchema>;

/** The one answer for an unknown, expired or withdrawn link is `{ state: 'ended' }`: nothing else. */
export const LinkStateSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('valid'),
    serviceName: z.string(),
    teamName: z.string(),
    /** The mailbox or mobile the code goes to, masked ("j***@example.org", "07*** ***123"). */
    sentTo: z.string(),
    /** How the code goes: by email, or by text to a mobile. */
    codeBy: z.enum(['email', 'text']),
    /** A resident referred themselves (no team sent it). */
    selfReferral: z.boolean(),
    codeNeeded: z.boolean(),
  }),
  z.object({ state: z.literal('ended') }),
]);
export type LinkState = z.infer<typeof LinkStateSchema>;
export const LinkCodeSentSchema = z.object({
  sentTo: z.string(),
  codeBy: z.enum(['email', 'text']),
  expiresInMinutes: z.number(),
});
export const LinkAccessGrantedSchema = z.object({ access: z.string(), expiresAt: z.string() });
export type OnwardLinkView = z.infer<typeof OnwardLinkViewSchema>;
export const OnwardLinkAnswerSchema = z.object({ link: OnwardLinkViewSchema });
