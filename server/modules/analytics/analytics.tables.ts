import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { icbs, pcns, practices } from '../organisations/organisations.tables.js';
import { users } from '../users/users.tables.js';

// Rollups behind the commissioner's and team lead's dashboards (issue 13). A dashboard request
// sums a few hundred of these rows instead of scanning the referrals: the analytics refresh job
// rebuilds a PCN's rows whenever something of that PCN changed (see ARCHITECTURE.md, "Figures").
//
// Common keys: `month` is the first day of a calendar month in Europe/London; `practice_id` is
// null for referrals that did not come from a practice (self-referrals, other professionals);
// `role` is the allocated worker's role ('unallocated' before allocation, 'any' where the figure
// is counted before allocation and the role filter does not apply).

/**
 * Counts: `measure` says what is counted, `dimension`/`value` how it is broken down.
 * E.g. ('referrals', 'reason', 'loneliness'), ('flow', 'stage', 'allocated'),
 * ('closures', 'reason', 'declined:not_wanted'), ('snomed', 'code', '871731000000106').
 */
export const analyticsCounts = pgTable(
  'analytics_counts',
  {
    pcnId: uuid('pcn_id')
      .notNull()
      .references(() => pcns.id),
    practiceId: uuid('practice_id').references(() => practices.id),
    month: date('month', { mode: 'string' }).notNull(),
    role: text('role').notNull(),
    measure: text('measure').notNull(),
    dimension: text('dimension').notNull(),
    value: text('value').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [
    unique('analytics_counts_key')
      .on(t.pcnId, t.practiceId, t.month, t.role, t.measure, t.dimension, t.value)
      .nullsNotDistinct(),
    // Detail reads (a practice and a role kept: role is always filtered, so it leads after the
    // PCN); migration 0019 adds INCLUDE (practice_id, value, n).
    index('analytics_counts_by_role').on(t.pcnId, t.role, t.measure, t.dimension, t.month),
    check('analytics_counts_month_start', sql`extract(day from ${t.month}) = 1`),
    check('analytics_counts_n_positive', sql`${t.n} > 0`),
  ],
);

/**
 * Waits from referral received to first contact, in working days (England), as a histogram:
 * medians and 90th centiles are read from it. `met` says whether the first contact was on or
 * before the due date set at triage (the PCN's target for that priority at the time).
 * `month` is the month the referral was received.
 */
export const analyticsWaits = pgTable(
  'analytics_waits',
  {
    pcnId: uuid('pcn_id')
      .notNull()
      .references(() => pcns.id),
    practiceId: uuid('practice_id').references(() => practices.id),
    month: date('month', { mode: 'string' }).notNull(),
    role: text('role').notNull(),
    priority: text('priority').notNull(),
    workingDays: smallint('working_days').notNull(),
    met: boolean('met').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [
    unique('analytics_waits_key')
      .on(t.pcnId, t.practiceId, t.month, t.role, t.priority, t.workingDays, t.met)
      .nullsNotDistinct(),
    check('analytics_waits_month_start', sql`extract(day from ${t.month}) = 1`),
    check('analytics_waits_n_positive', sql`${t.n} > 0`),
  ],
);

/** An outcome rollup's keys past pcn, practice, month and role, and its sums (detail and slices). */
const outcomeFigures = {
  measure: text('measure').notNull(),
  item: text('item').notNull(),
  dimension: text('dimension').notNull(),
  value: text('value').notNull(),
  pairs: integer('pairs').notNull(),
  baselineSum: numeric('baseline_sum', { precision: 14, scale: 2 }).notNull(),
  latestSum: numeric('latest_sum', { precision: 14, scale: 2 }).notNull(),
  improved: integer('improved').notNull(),
  same: integer('same').notNull(),
  worse: integer('worse').notNull(),
};

/**
 * Paired outcome measures: each referral's baseline against its latest later measure, per
 * measure and item (SWEMWBS 'metric', each ONS4 item, UCLA-3 'total', PAM 'level'). `month` is
 * the month of the latest measure. Improved / same / worse follow each item's direction (lower
 * anxiety and loneliness are better). Broken down by an equality dimension ('all'/'all' first).
 */
export const analyticsOutcomes = pgTable(
  'analytics_outcomes',
  {
    pcnId: uuid('pcn_id')
      .notNull()
      .references(() => pcns.id),
    practiceId: uuid('practice_id').references(() => practices.id),
    month: date('month', { mode: 'string' }).notNull(),
    role: text('role').notNull(),
    ...outcomeFigures,
  },
  (t) => [
    unique('analytics_outcomes_key')
      .on(t.pcnId, t.practiceId, t.month, t.role, t.measure, t.item, t.dimension, t.value)
      .nullsNotDistinct(),
    check('analytics_outcomes_month_start', sql`extract(day from ${t.month}) = 1`),
    check('analytics_outcomes_pairs', sql`${t.pairs} > 0 AND ${t.improved} + ${t.same} + ${t.worse} = ${t.pairs}`),
  ],
);

/** Contacts recorded, per worker and month (month of the contact), mode and outcome. */
export const analyticsContacts = pgTable(
  'analytics_contacts',
  {
    pcnId: uuid('pcn_id')
      .notNull()
      .references(() => pcns.id),
    practiceId: uuid('practice_id').references(() => practices.id),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    mode: text('mode').notNull(),
    outcome: text('outcome').notNull(),
    n: integer('n').notNull(),
    minutes: integer('minutes').notNull(),
  },
  (t) => [
    unique('analytics_contacts_key')
      .on(t.pcnId, t.practiceId, t.workerId, t.month, t.mode, t.outcome)
      .nullsNotDistinct(),
    check('analytics_contacts_month_start', sql`extract(day from ${t.month}) = 1`),
    check('analytics_contacts_n_positive', sql`${t.n} > 0`),
  ],
);

/** When each PCN's rollups were last rebuilt, and the change time they had caught up to. */
export const analyticsRefreshes = pgTable('analytics_refreshes', {
  pcnId: uuid('pcn_id')
    .primaryKey()
    .references(() => pcns.id),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull(),
  /** Changes at or before this instant are in the rollups. */
  caughtUpTo: timestamp('caught_up_to', { withTimezone: true }).notNull(),
});

/**
 * A practice's registered patients broken down for rates per population (NHS Digital publishes
 * "Patients registered at a GP practice" by age and sex each month). `dimension` is 'age_band'
 * or 'sex' (or another equality dimension when a source gives it); the total is
 * `practices.list_size`.
 */
export const practicePopulation = pgTable(
  'practice_population',
  {
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    dimension: text('dimension').notNull(),
    value: text('value').notNull(),
    people: integer('people').notNull(),
  },
  (t) => [
    uniqueIndex('practice_population_key').on(t.practiceId, t.dimension, t.value),
    check('practice_population_people', sql`${t.people} >= 0`),
  ],
);

/**
 * Index of Multiple Deprivation decile of each small area (LSOA), from the published IMD file
 * (`npm run import:imd`); a person's deprivation is their postcode's LSOA's decile.
 */
export const imdDeciles = pgTable(
  'imd_deciles',
  {
    lsoa: text('lsoa').primaryKey(),
    decile: smallint('decile').notNull(),
  },
  (t) => [check('imd_deciles_range', sql`${t.decile} BETWEEN 1 AND 10`)],
);

// Slices (issue 13, "Speed"): the same rollups summed over every practice and/or every role,
// kept beside the detail so a dashboard reads a few thousand rows, not a hundred thousand. A
// slice row is either one practice's (`all_practices` false, `practice_id` as in the detail:
// null = not from a practice) or every practice's (`all_practices` true, `practice_id` null),
// and either one role's or every role's (`role` = 'all_roles'). The detail (practice and role)
// stays in the tables above. refresh/slices.ts derives them from the detail in the rebuild's
// transaction; sections/rollup-filters.ts picks the smallest that answers a request.

export const ALL_ROLES = 'all_roles';

const sliceKeys = {
  pcnId: uuid('pcn_id')
    .notNull()
    .references(() => pcns.id),
  allPractices: boolean('all_practices').notNull(),
  practiceId: uuid('practice_id').references(() => practices.id),
  month: date('month', { mode: 'string' }).notNull(),
  role: text('role').notNull(),
};

export const analyticsCountSlices = pgTable(
  'analytics_count_slices',
  {
    ...sliceKeys,
    measure: text('measure').notNull(),
    dimension: text('dimension').notNull(),
    value: text('value').notNull(),
    n: integer('n').notNull(),
  },
  // The migration adds INCLUDE (every other column) to these indexes: index-only reads.
  (t) => [
    index('analytics_count_slices_read').on(t.pcnId, t.allPractices, t.role, t.measure, t.dimension, t.month),
    // Referrals from no practice alone (the equality rates leave them out); INCLUDE (value, n).
    index('analytics_count_slices_no_practice')
      .on(t.pcnId, t.role, t.measure, t.dimension, t.month)
      .where(sql`NOT ${t.allPractices} AND ${t.practiceId} IS NULL`),
    check('analytics_count_slices_practice', sql`NOT ${t.allPractices} OR ${t.practiceId} IS NULL`),
  ],
);

export const analyticsWaitSlices = pgTable(
  'analytics_wait_slices',
  {
    ...sliceKeys,
    priority: text('priority').notNull(),
    workingDays: smallint('working_days').notNull(),
    met: boolean('met').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [
    index('analytics_wait_slices_read').on(t.pcnId, t.allPractices, t.role, t.month),
    check('analytics_wait_slices_practice', sql`NOT ${t.allPractices} OR ${t.practiceId} IS NULL`),
  ],
);

export const analyticsOutcomeSlices = pgTable(
  'analytics_outcome_slices',
  {
    ...sliceKeys,
    ...outcomeFigures,
  },
  (t) => [
    index('analytics_outcome_slices_read').on(t.pcnId, t.allPractices, t.role, t.dimension, t.month),
    // One measure and item by equality dimension (the equality section); INCLUDE (value, pairs, improved).
    index('analytics_outcome_slices_item').on(t.pcnId, t.allPractices, t.role, t.measure, t.item, t.dimension, t.month),
    check('analytics_outcome_slices_practice', sql`NOT ${t.allPractices} OR ${t.practiceId} IS NULL`),
  ],
);

/**
 * Contacts per worker, month and outcome, summed over practices and modes: what the capacity
 * section reads (a tenth of the detail's rows).
 */
export const analyticsContactSlices = pgTable(
  'analytics_contact_slices',
  {
    pcnId: uuid('pcn_id')
      .notNull()
      .references(() => pcns.id),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    outcome: text('outcome').notNull(),
    n: integer('n').notNull(),
    minutes: integer('minutes').notNull(),
  },
  (t) => [index('analytics_contact_slices_read').on(t.pcnId, t.month)],
);

// ICB slices (issue 13, "Speed"): a commissioner's whole-ICB figures read the PCN slices of every
// PCN (thirty PCNs' rows for one figure). These keep the same sums over every PCN of an ICB, for
// the rows a whole-ICB query reads without a practice: every practice's (`all_practices` true)
// and the referrals from no practice (`all_practices` false). `practice_id` is always null; it is
// there so a section's query reads either table unchanged. `pcns` counts the PCN slice rows
// summed into the row, so a row goes when its last PCN row does (a row of zeros is still a row).
// refresh/slices.ts keeps them in the PCN rebuild's transaction: it takes the PCN's old rows out
// and puts its new ones in, so they are always the sum of the PCN slices as committed.

const icbSliceKeys = {
  icbId: uuid('icb_id')
    .notNull()
    .references(() => icbs.id),
  allPractices: boolean('all_practices').notNull(),
  practiceId: uuid('practice_id'),
  month: date('month', { mode: 'string' }).notNull(),
  role: text('role').notNull(),
  pcns: integer('pcns').notNull(),
};

export const analyticsIcbCountSlices = pgTable(
  'analytics_icb_count_slices',
  {
    ...icbSliceKeys,
    measure: text('measure').notNull(),
    dimension: text('dimension').notNull(),
    value: text('value').notNull(),
    n: integer('n').notNull(),
  },
  // The migration adds INCLUDE (value, n) to the read index: index-only reads.
  (t) => [
    uniqueIndex('analytics_icb_count_slices_key').on(
      t.icbId,
      t.allPractices,
      t.role,
      t.measure,
      t.dimension,
      t.value,
      t.month,
    ),
    index('analytics_icb_count_slices_read').on(t.icbId, t.allPractices, t.role, t.measure, t.dimension, t.month),
    // A refresh's months of an ICB (refresh/slices.ts, the rows no PCN contributes to any more).
    index('analytics_icb_count_slices_month').on(t.icbId, t.month),
    check('analytics_icb_count_slices_no_practice', sql`${t.practiceId} IS NULL`),
  ],
);

export const analyticsIcbOutcomeSlices = pgTable(
  'analytics_icb_outcome_slices',
  {
    ...icbSliceKeys,
    ...outcomeFigures,
  },
  (t) => [
    uniqueIndex('analytics_icb_outcome_slices_key').on(
      t.icbId,
      t.allPractices,
      t.role,
      t.measure,
      t.item,
      t.dimension,
      t.value,
      t.month,
    ),
    index('analytics_icb_outcome_slices_read').on(t.icbId, t.allPractices, t.role, t.dimension, t.month),
    // A refresh's months of an ICB (refresh/slices.ts, the rows no PCN contributes to any more).
    index('analytics_icb_outcome_slices_month').on(t.icbId, t.month),
    check('analytics_icb_outcome_slices_no_practice', sql`${t.practiceId} IS NULL`),
  ],
);

/** Waits over every PCN of an ICB: the month, priority and whole-period histograms of a whole-ICB view. */
export const analyticsIcbWaitSlices = pgTable(
  'analytics_icb_wait_slices',
  {
    ...icbSliceKeys,
    priority: text('priority').notNull(),
    workingDays: smallint('working_days').notNull(),
    met: boolean('met').notNull(),
    n: integer('n').notNull(),
  },
  // The migration adds INCLUDE (priority, working_days, met, n) to the read index: index-only reads.
  (t) => [
    uniqueIndex('analytics_icb_wait_slices_key').on(
      t.icbId,
      t.allPractices,
      t.role,
      t.priority,
      t.workingDays,
      t.met,
      t.month,
    ),
    index('analytics_icb_wait_slices_read').on(t.icbId, t.allPractices, t.role, t.month),
    // A refresh's months of an ICB (refresh/slices.ts, the rows no PCN contributes to any more).
    index('analytics_icb_wait_slices_month').on(t.icbId, t.month),
    check('analytics_icb_wait_slices_no_practice', sql`${t.practiceId} IS NULL`),
  ],
);
