import { sql } from 'drizzle-orm';
import { check, date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { MEASURES, TIMEPOINTS } from '../../../common/outcome-measures.js';
import { icbs, pcns } from '../organisations/organisations.tables.js';
import { people } from '../people/people.tables.js';
import { referrals } from '../referrals/referrals.tables.js';
import { users } from '../users/users.tables.js';

// One administration of an outcome measure in a case (a referral). The answers are kept as given;
// the derived scores (ONS4 items with bands, SWEMWBS raw and metric, UCLA-3 total, PAM score and
// level) are computed once, by scoring.ts, when the row is written. icb_id and pcn_id are copied
// from the referral so that reads are scoped in this table's own where-clause.
export const outcomeMeasures = pgTable(
  'outcome_measures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    icbId: uuid('icb_id')
      .notNull()
      .references(() => icbs.id),
    pcnId: uuid('pcn_id')
      .notNull()
      .references(() => pcns.id),
    measure: text('measure', { enum: MEASURES }).notNull(),
    timepoint: text('timepoint', { enum: TIMEPOINTS }).notNull(),
    answers: jsonb('answers').$type<Record<string, number>>().notNull(),
    scores: jsonb('scores').$type<Record<string, unknown>>().notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    administeredOn: date('administered_on', { mode: 'string' }).notNull(),
  },
  (t) => [
    index('outcome_measures_referral_idx').on(t.referralId, t.measure, t.administeredOn),
    index('outcome_measures_person_idx').on(t.personId),
    index('outcome_measures_recorded_idx').on(t.recordedAt),
    // The figures' refresh: a PCN's measures of a month (analytics refresh/referral-base.ts).
    index('outcome_measures_pcn_idx').on(t.pcnId, t.administeredOn, t.referralId),
    // One baseline per measure per case: a second one is refused by the database (409).
    uniqueIndex('outcome_measures_one_baseline').on(t.referralId, t.measure).where(sql`${t.timepoint} = 'baseline'`),
    check('outcome_measures_measure_known', sql`${t.measure} IN ('ons4', 'swemwbs', 'ucla3', 'pam')`),
    check('outcome_measures_timepoint_known', sql`${t.timepoint} IN ('baseline', 'review', 'discharge')`),
  ],
);
