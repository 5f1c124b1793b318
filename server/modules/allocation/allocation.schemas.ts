import { z } from 'zod';
import { CONTACT_DURATION_MAX, CONTACT_MODES } from '../../../common/cases.js';
import { CASELOAD_SHOW_KEYS } from '../../../common/front-door-types.js';
import { zDateTime } from '../../../common/schemas/dates.js';
import { zInt, zQueryInt, zVersion } from '../../../common/schemas/numbers.js';
import { zMultilineText, zText } from '../../../common/schemas/text.js';

export { ZReferralIdParam } from '../../../common/schemas/ids.js';

const ZVersion = zVersion('must be the version of the referral you read');

/** The worker's caseload: a search, what to show, and a page. */
export const ZCaseloadQuery = z.object({
  q: zText(100).optional(),
  show: z.enum(CASELOAD_SHOW_KEYS, { message: `must be one of: ${CASELOAD_SHOW_KEYS.join(', ')}` }).default('all'),
  page: zQueryInt(1, 100_000, { type: 'must be a page number', min: 'must be 1 or more' }).default(1),
});
export type TCaseloadQuery = z.infer<typeof ZCaseloadQuery>;

export const ZAllocate = z.object({
  version: ZVersion,
  workerId: z.uuid('must be the id of a member of your team'),
  /** Needed when the lead chooses someone other than Waymark's suggestion. */
  overrideReason: zMultilineText(1000).nullish(),
});
export type TAllocate = z.infer<typeof ZAllocate>;

const ZPlanId = z.string().regex(/^[a-f0-9]{64}$/, 'must be the plan id from the preview');

/** Lists each referral once: a second row for the same one is refused, naming it. */
function noRepeats(rows: { referralId: string }[] | null | undefined, path: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  for (const [i, row] of (rows ?? []).entries()) {
    if (seen.has(row.referralId)) {
      ctx.addIssue({ code: 'custom', path: [path, i, 'referralId'], message: 'is listed twice' });
    }
    seen.add(row.referralId);
  }
}

export const ZAllocateAll = z
  .object({
    dryRun: z.boolean({ message: 'must be true or false' }).default(false),
    /** The plan the lead previewed: refused (409) if the queue or the team has changed since. */
    planId: ZPlanId.nullish(),
    /**
     * The lead's edits of the plan: every referral of the plan once, with the worker chosen for it
     * (null: leave it in the queue). Without rows, the plan is taken as Waymark suggested it.
     */
    rows: z
      .array(
        z.object({
          referralId: z.uuid('must be the id of a referral in the plan'),
          workerId: z.uuid('must be the id of a member of your team, or null to leave it in the queue').nullable(),
        }),
        { message: 'must be a list of the plan’s referrals' },
      )
      .max(500, 'must have at most 500 rows')
      .nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.rows && !v.planId) {
      ctx.addIssue({
        code: 'custom',
        path: ['planId'],
        message: 'is required with rows: the plan id from the preview',
      });
    }
    noRepeats(v.rows, 'rows', ctx);
  });
export type TAllocateAll = z.infer<typeof ZAllocateAll>;

export const FIRST_CONTACT_OUTCOMES = ['accepted', 'declined', 'not_contactable'] as const;

/**
 * When the person was reached (accepted or declined), the first contact is a contact like any
 * other — how and for how long — so the case, the caseload and the GP message all count it.
 */
export const ZFirstContact = z
  .object({
    version: ZVersion,
    outcome: z.enum(FIRST_CONTACT_OUTCOMES, { message: `must be one of: ${FIRST_CONTACT_OUTCOMES.join(', ')}` }),
    at: zDateTime('must be a date and time, like 2026-03-12T10:30:00Z').nullish(),
    mode: z.enum(CONTACT_MODES, { message: `must be one of: ${CONTACT_MODES.join(', ')}` }).nullish(),
    durationMinutes: zInt(1, CONTACT_DURATION_MAX, {
      type: 'must be a number of minutes',
      whole: 'must be a whole number of minutes',
      min: 'must be at least 1 minute',
      max: `must be at most ${CONTACT_DURATION_MAX} minutes (8 hours)`,
    }).nullish(),
    note: zMultilineText(4000).nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'not_contactable') return;
    if (!v.mode) ctx.addIssue({ code: 'custom', path: ['mode'], message: 'is required: say how you reached them' });
    if (!v.durationMinutes) {
      ctx.addIssue({ code: 'custom', path: ['durationMinutes'], message: 'is required: say how long the contact was' });
    }
  });
export type TFirstContact = z.infer<typeof ZFirstContact>;

export const ZMemberIdParam = z.object({ id: z.uuid('must be the id of a member of your team') });

export const ZCover = z
  .object({
    /** Covers every open case of the worker that `cases` does not name (the one-colleague handover). */
    coverWorkerId: z.uuid('must be the id of a member of your team').optional(),
    /** A colleague per case: the handover split between colleagues. */
    cases: z
      .array(
        z.object({
          referralId: z.uuid('must be the id of one of their open cases'),
          coverWorkerId: z.uuid('must be the id of a member of your team'),
        }),
        { message: 'must be a list of cases, each with who covers it' },
      )
      .max(500, 'must have at most 500 cases')
      .optional(),
    /**
     * The lead has read the warning and still hands cases the rules give a health and wellbeing
     * coach (high complexity, predicted PAM level 1) to a care coordinator.
     */
    confirmCareCoordinator: z.boolean({ message: 'must be true or false' }).default(false),
  })
  .superRefine((v, ctx) => {
    if (!v.coverWorkerId && !v.cases?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['coverWorkerId'],
        message: 'is required: say who covers the cases (or give a colleague for each case in cases)',
      });
    }
    noRepeats(v.cases, 'cases', ctx);
  });
export type TCover = z.infer<typeof ZCover>;
