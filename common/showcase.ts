// The showcase (issue 12, point 7): the sessions and events a VCS partner publishes for its
// services, and brand-new listings it proposes for review. Shared by server and web: the request
// schemas (fields named as the form names them) and the answers (the routes' response schemas).
import { z } from 'zod';
import { SERVICE_STATUSES, type UpcomingEvent } from './directory.js';
import { ZFieldChange, ZListingInput } from './directory-listing-schema.js';
import { zDateTime } from './schemas/dates.js';
import { zInt, zVersion } from './schemas/numbers.js';
import { zMultilineText, zText } from './schemas/text.js';

export const EVENT_TITLE_MAX = 200;
export const EVENT_DESCRIPTION_MAX = 2000;
export const EVENT_PLACE_MAX = 300;
export const EVENT_SPACES_MAX = 10_000;

const optional = <T extends z.ZodType<string>>(schema: T) => schema.nullish().transform((v) => (v ? v : null));

const ZEventFields = z.object({
  title: zText(EVENT_TITLE_MAX, { error: { message: 'must be text' } }).min(
    1,
    'must not be empty: give the event a title',
  ),
  description: optional(zMultilineText(EVENT_DESCRIPTION_MAX, { error: { message: 'must be text' } })),
  starts_at: zDateTime('must be the date and time it starts, like 2026-12-08T10:00:00Z'),
  ends_at: zDateTime('must be the date and time it ends, like 2026-12-08T12:00:00Z')
    .nullish()
    .transform((v) => v ?? null),
  place: optional(zText(EVENT_PLACE_MAX, { error: { message: 'must be text' } })),
  spaces_left: zInt(0, EVENT_SPACES_MAX, {
    type: `must be a whole number of spaces from 0 to ${EVENT_SPACES_MAX}`,
  })
    .nullish()
    .transform((v) => v ?? null),
  booking_needed: z.boolean({ message: 'must be yes or no' }).default(false),
});

const endsAfterStart = <T extends { starts_at: string; ends_at: string | null }>(v: T, ctx: z.RefinementCtx) => {
  if (v.ends_at && Date.parse(v.ends_at) <= Date.parse(v.starts_at)) {
    ctx.addIssue({ code: 'custom', path: ['ends_at'], message: 'must be after the time it starts' });
  }
};

/** A new session or event of a service. */
export const ZServiceEventInput = ZEventFields.superRefine(endsAfterStart);
export type ServiceEventInput = z.input<typeof ZServiceEventInput>;

const expectedVersion = zVersion('must be the version of the event you opened');

/** An edit: the whole event again, made against the version the editor opened. */
export const ZServiceEventEdit = ZEventFields.extend({ expected_version: expectedVersion }).superRefine(endsAfterStart);
export type ServiceEventEdit = z.input<typeof ZServiceEventEdit>;

export const ZServiceEventCancel = z.object({ expected_version: expectedVersion });

/** An upcoming event as the public listing and the worker's search show it (no who, no version). */
export const ZUpcomingEvent = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  starts_at: z.string(),
  ends_at: z.string().nullable(),
  place: z.string().nullable(),
  spaces_left: z.number().nullable(),
  booking_needed: z.boolean(),
});
// Compile-time check: the schema is the shared type the directory's listing carries.
const _upcoming: (v: z.infer<typeof ZUpcomingEvent>) => UpcomingEvent = (v) => v;
const _upcomingBack: (v: UpcomingEvent) => z.infer<typeof ZUpcomingEvent> = (v) => v;
void [_upcoming, _upcomingBack];

export type { UpcomingEvent };

/** An event as its editors (the partner, directory staff) see it. */
export const ZServiceEvent = ZUpcomingEvent.extend({
  service_id: z.string(),
  service_name: z.string(),
  cancelled_at: z.string().nullable(),
  version: z.number(),
});
export type ServiceEvent = z.infer<typeof ZServiceEvent>;
export const ZServiceEvents = z.array(ZServiceEvent);

/** The partner's "Sessions and events" page: its services and their events (recent and upcoming). */
export const ZOurEvents = z.object({
  services: z.array(z.object({ id: z.string(), name: z.string() })),
  events: ZServiceEvents,
});
export type OurEvents = z.infer<typeof ZOurEvents>;

/** The next event of a search result: enough for "Next session: Tue 8 Dec, 10:00". */
export const ZNextEvent = z.object({ title: z.string(), starts_at: z.string() });
export type NextEvent = z.infer<typeof ZNextEvent>;

// ---- Brand-new listings proposed by partners ----

export const ZListingProposalStatus = z.enum(['pending', 'approved', 'rejected', 'withdrawn']);
export type ListingProposalStatus = z.infer<typeof ZListingProposalStatus>;

export const ZListingProposalSummary = z.object({
  id: z.string(),
  name: z.string(),
  organization_name: z.string(),
  status: ZListingProposalStatus,
  submitted_at: z.string(),
  decided_at: z.string().nullable(),
  rejection_reason: z.string().nullable(),
  created_service_id: z.string().nullable(),
});
export type ListingProposalSummary = z.infer<typeof ZListingProposalSummary>;

/** The partner's proposals, and what the "Propose a new listing" form needs. */
export const ZOurProposals = z.object({
  organizations: z.array(z.object({ id: z.string(), name: z.string() })),
  category_options: z.array(z.object({ id: z.string(), name: z.string() })),
  proposals: z.array(ZListingProposalSummary),
});
export type OurProposals = z.infer<typeof ZOurProposals>;

export const ZProposeListingResult = z.object({ proposal_id: z.string() });

/** A pending proposal in the review queue. */
export const ZPendingProposal = z.object({
  id: z.string(),
  name: z.string(),
  organization_name: z.string(),
  submitted_at: z.string(),
  submitted_by: z.string(),
});
export type PendingProposal = z.infer<typeof ZPendingProposal>;

/** What a reviewer sees of one proposal (/directory/review/proposals/:id). */
export const ZListingProposalReview = ZListingProposalSummary.extend({
  submitted_by: z.string(),
  decided_by: z.string().nullable(),
  proposed: ZListingInput,
  /** The proposal field by field, against an empty listing (the moderation table's rows). */
  changes: z.array(ZFieldChange),
  created_service: z.object({ id: z.string(), name: z.string(), status: z.enum(SERVICE_STATUSES) }).nullable(),
  category_options: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type ListingProposalReview = z.infer<typeof ZListingProposalReview>;
