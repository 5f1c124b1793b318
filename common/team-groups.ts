// Groups and activities the PCN's team runs itself (issue 16, point 5): a coach's weekly walking
// group, a coffee morning. Vocabulary and API shapes shared by server and web.
import { z } from 'zod';

export const GROUP_NAME_MAX = 120;
export const GROUP_TEXT_MAX = 300;
export const GROUP_DESCRIPTION_MAX = 2000;
export const GROUP_CAPACITY_MAX = 500;
export const SESSION_DURATION_MAX = 480;
/** People with cases on one register. */
export const REGISTER_MAX = 200;
export const OTHERS_MAX = 500;
/** The window of the attendance figures the team lead sees. */
export const ATTENDANCE_WINDOW_DAYS = 90;

export const ZFacilitator = z.object({
  kind: z.enum(['staff', 'volunteer']),
  id: z.string(),
  name: z.string(),
  /** The staff member's role, or the volunteer's. */
  roleLabel: z.string(),
  active: z.boolean(),
});
export type Facilitator = z.infer<typeof ZFacilitator>;

export const ZGroupListing = z.object({ id: z.string(), name: z.string(), organisation: z.string() }).nullable();

export const ZGroupSummary = z.object({
  id: z.string(),
  name: z.string(),
  schedule: z.string(),
  venue: z.string(),
  capacity: z.number(),
  status: z.enum(['active', 'closed']),
  listing: ZGroupListing,
  nextSessionAt: z.string().nullable(),
  /** Over the last ATTENDANCE_WINDOW_DAYS: sessions held, attendances of people with cases, others. */
  sessionsHeld: z.number(),
  caseAttendances: z.number(),
  peopleWithCases: z.number(),
  otherAttendances: z.number(),
});
export type GroupSummary = z.infer<typeof ZGroupSummary>;

export const ZGroupsOverview = z.object({
  windowDays: z.number(),
  groups: z.array(ZGroupSummary),
  totals: z.object({
    sessionsHeld: z.number(),
    caseAttendances: z.number(),
    peopleWithCases: z.number(),
    otherAttendances: z.number(),
  }),
});
export type GroupsOverview = z.infer<typeof ZGroupsOverview>;

export const ZGroupSession = z.object({
  id: z.string(),
  startsAt: z.string(),
  durationMinutes: z.number(),
  registerTaken: z.boolean(),
  caseAttendances: z.number(),
  othersCount: z.number(),
});
export type GroupSession = z.infer<typeof ZGroupSession>;

export const ZGroupRecord = ZGroupSummary.extend({
  version: z.number(),
  description: z.string(),
  facilitators: z.array(ZFacilitator),
  sessions: z.array(ZGroupSession),
});
export type GroupRecord = z.infer<typeof ZGroupRecord>;

export const ZRegisterEntry = z.object({
  referralId: z.string(),
  personName: z.string(),
  nhsNumber: z.string().nullable(),
});
export type RegisterEntry = z.infer<typeof ZRegisterEntry>;

export const ZSessionRegister = z.object({
  group: z.object({ id: z.string(), name: z.string(), capacity: z.number(), venue: z.string() }),
  session: ZGroupSession.extend({ version: z.number(), takenBy: z.string().nullable() }),
  attendees: z.array(ZRegisterEntry),
});
export type SessionRegister = z.infer<typeof ZSessionRegister>;

/** An open case of the team the register (or a befriender) can name. */
export const ZOpenCase = z.object({
  referralId: z.string(),
  personName: z.string(),
  nhsNumber: z.string().nullable(),
  dateOfBirth: z.string(),
  workerName: z.string().nullable(),
});
export type OpenCase = z.infer<typeof ZOpenCase>;
