import { z } from 'zod';
import { zInt, zVersion } from './schemas/numbers.js';
import { zMultilineText } from './schemas/text.js';

// Records management (issue 19, point 5): retention under the NHS Records Management Code of
// Practice, subject access, and restriction of processing (UK GDPR Article 18).

// --- Retention -------------------------------------------------------------------------------

/** The rule applied to a record (reference/nhs-data.md, "Records retention"). */
export const RETENTION_RULES = ['adult_8_years', 'child_25th_birthday', 'child_26th_birthday'] as const;
export type RetentionRule = (typeof RETENTION_RULES)[number];
export const RETENTION_RULE_LABELS: Record<RetentionRule, string> = {
  adult_8_years: 'Adult: 8 years after support ended',
  child_25th_birthday: 'Child: until the 25th birthday',
  child_26th_birthday: 'Child aged 17 when support ended: until the 26th birthday',
};

/** A record due for destruction, as the report shows it: ids, counts and dates, no personal data. */
export const ZRetentionItem = z.object({
  recordId: z.string(),
  referralCount: z.number(),
  closedOn: z.string(),
  retainUntil: z.string(),
  rule: z.enum(RETENTION_RULES),
});
export type RetentionItem = z.infer<typeof ZRetentionItem>;

export const ZDestroyedRecord = z.object({
  kind: z.string(),
  recordId: z.string(),
  referralCount: z.number(),
  closedOn: z.string(),
  retainUntil: z.string(),
  rule: z.enum(RETENTION_RULES),
  destroyedAt: z.string(),
  how: z.enum(['confirmed', 'scheduled']),
  destroyedByName: z.string().nullable(),
});
export type DestroyedRecord = z.infer<typeof ZDestroyedRecord>;

export const ZRetentionSettings = z.object({
  scheduledDestruction: z.boolean(),
  version: z.number(),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
});
export type RetentionSettings = z.infer<typeof ZRetentionSettings>;

/** The dry run: what would be destroyed today, and what has been. Reading it changes nothing. */
export const ZRetentionReport = z.object({
  asOf: z.string(),
  settings: ZRetentionSettings,
  due: z.object({
    people: z.number(),
    referrals: z.number(),
    /** The first 500, oldest first. */
    items: z.array(ZRetentionItem),
  }),
  /** Past retention but kept because their processing is restricted (Article 18). */
  heldByRestriction: z.number(),
  destroyed: z.object({ total: z.number(), recent: z.array(ZDestroyedRecord) }),
});
export type RetentionReport = z.infer<typeof ZRetentionReport>;

export const ZRetentionDestroy = z.object({
  confirm: z.literal(true, { message: 'must be true: confirm that these records are to be destroyed' }),
  /** How many records the admin saw in the dry run: a different number now means look again. */
  expectedPeople: zInt(0, 1_000_000, { type: 'must be the number of records shown in the dry run' }),
});
export type RetentionDestroy = z.infer<typeof ZRetentionDestroy>;

export const ZRetentionDestroyResult = z.object({ destroyed: z.number(), referrals: z.number() });
export type RetentionDestroyResult = z.infer<typeof ZRetentionDestroyResult>;

export const ZRetentionSettingsChange = z.object({
  scheduledDestruction: z.boolean({ message: 'must be true or false' }),
  version: zVersion('must be the version of the settings you read'),
});
export type RetentionSettingsChange = z.infer<typeof ZRetentionSettingsChange>;

// --- Restriction of processing ----------------------------------------------------------------

/** The grounds of UK GDPR Article 18(1), (a)–(d). */
export const RESTRICTION_REASONS = [
  'accuracy_contested',
  'unlawful_processing',
  'legal_claims',
  'objection_pending',
] as const;
export type RestrictionReason = (typeof RESTRICTION_REASONS)[number];
export const RESTRICTION_REASON_LABELS: Record<RestrictionReason, string> = {
  accuracy_contested: 'The person contests the accuracy of their record',
  unlawful_processing: 'Processing is unlawful and the person asks for restriction instead of erasure',
  legal_claims: 'The person needs the record kept for a legal claim',
  objection_pending: 'The person has objected and the objection is being considered',
};

export const ZRestriction = z.object({
  reason: z.enum(RESTRICTION_REASONS),
  note: z.string().nullable(),
  restrictedAt: z.string(),
  restrictedByName: z.string().nullable(),
  liftedAt: z.string().nullable(),
  liftedByName: z.string().nullable(),
  liftNote: z.string().nullable(),
});
export type Restriction = z.infer<typeof ZRestriction>;

export const ZRestrictionState = z.object({
  personId: z.string(),
  active: ZRestriction.nullable(),
  history: z.array(ZRestriction),
});
export type RestrictionState = z.infer<typeof ZRestrictionState>;

export const ZRestrictionSet = z.object({
  reason: z.enum(RESTRICTION_REASONS, { message: `must be one of ${RESTRICTION_REASONS.join(', ')}` }),
  note: zMultilineText(1000).nullish(),
});
export type RestrictionSet = z.infer<typeof ZRestrictionSet>;

export const ZRestrictionLift = z.object({
  note: zMultilineText(1000).min(1, 'must say why the restriction is lifted'),
});
export type RestrictionLift = z.infer<typeof ZRestrictionLift>;

// --- Subject access ---------------------------------------------------------------------------

/**
 * Everything the team holds about a person: each section is a list of the rows of one kind, with
 * their columns as stored (secrets such as link token hashes left out). JSON, read as is or shown
 * as a printable page.
 */
export const ZSubjectAccessExport = z.object({
  generatedAt: z.string(),
  generatedBy: z.string(),
  heldBy: z.string(),
  /** The legal deadline to answer (one month from the request, as reference/nhs-data.md says). */
  note: z.string(),
  person: z.record(z.string(), z.unknown()),
  sections: z.array(z.object({ key: z.string(), title: z.string(), rows: z.array(z.record(z.string(), z.unknown())) })),
});
export type SubjectAccessExport = z.infer<typeof ZSubjectAccessExport>;
