import type { TableSpec } from './table-writer.js';

// The columns the generator fills, per table (everything else keeps its default).

export const PCNS: TableSpec = {
  table: 'pcns',
  columns: [
    ['id', 'uuid'],
    ['icb_id', 'uuid'],
    ['code', 'text'],
    ['name', 'text'],
    ['created_at', 'timestamptz'],
  ],
};

export const PRACTICES: TableSpec = {
  table: 'practices',
  columns: [
    ['id', 'uuid'],
    ['pcn_id', 'uuid'],
    ['code', 'text'],
    ['name', 'text'],
    ['email', 'text'],
    ['list_size', 'int4'],
    ['created_at', 'timestamptz'],
  ],
};

export const PRACTICE_POPULATION: TableSpec = {
  table: 'practice_population',
  columns: [
    ['practice_id', 'uuid'],
    ['dimension', 'text'],
    ['value', 'text'],
    ['people', 'int4'],
  ],
};

export const TRIAGE_SETTINGS: TableSpec = {
  table: 'pcn_triage_settings',
  columns: [
    ['pcn_id', 'uuid'],
    ['routine_days', 'int4'],
    ['soon_days', 'int4'],
    ['urgent_days', 'int4'],
  ],
};

export const USERS: TableSpec = {
  table: 'users',
  columns: [
    ['id', 'uuid'],
    ['email', 'text'],
    ['name', 'text'],
    ['role', 'text'],
    ['icb_id', 'uuid'],
    ['pcn_id', 'uuid'],
    ['practice_id', 'uuid'],
    ['band', 'text'],
    ['fte', 'numeric'],
    ['caseload_capacity', 'int4'],
    ['languages', 'text', 'text[]'],
    ['password_hash', 'text'],
    ['created_at', 'timestamptz'],
  ],
};

export const IMD_DECILES: TableSpec = {
  table: 'imd_deciles',
  columns: [
    ['lsoa', 'text'],
    ['decile', 'int2'],
  ],
};

export const PEOPLE: TableSpec = {
  table: 'people',
  columns: [
    ['id', 'uuid'],
    ['icb_id', 'uuid'],
    ['nhs_number', 'text'],
    ['given_name', 'text'],
    ['family_name', 'text'],
    ['date_of_birth', 'date'],
    ['postcode', 'text'],
    ['phone', 'text'],
    ['preferred_contact', 'text'],
    ['language', 'text'],
    ['interpreter_needed', 'bool'],
    ['practice_id', 'uuid'],
    ['sex', 'text'],
    ['gender_identity', 'text'],
    ['gender_identity_description', 'text'],
    ['ethnicity', 'text'],
    ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
  ],
};

export const PERSON_LINKS: TableSpec = {
  table: 'person_links',
  columns: [
    ['person_id', 'uuid'],
    ['icb_id', 'uuid'],
    ['pcn_id', 'uuid'],
    ['practice_id', 'uuid'],
    ['created_at', 'timestamptz'],
  ],
};

export const REFERRALS: TableSpec = {
  table: 'referrals',
  columns: [
    ['id', 'uuid'],
    ['person_id', 'uuid'],
    ['icb_id', 'uuid'],
    ['pcn_id', 'uuid'],
    ['practice_id', 'uuid'],
    ['source', 'text'],
    ['referrer_user_id', 'uuid'],
    ['referrer_name', 'text'],
    ['referrer_organisation', 'text'],
    ['reasons', 'text', 'text[]'],
    ['urgency_requested', 'text'],
    ['consent_to_referral', 'bool'],
    ['consent_to_share', 'bool'],
    ['status', 'text'],
    ['priority', 'text'],
    ['complexity', 'text'],
    ['predicted_pam', 'int4'],
    ['recommended_role', 'text'],
    ['closure_reason', 'text'],
    ['allocated_worker_id', 'uuid'],
    ['first_contact_due_at', 'timestamptz'],
    ['received_at', 'timestamptz'],
    ['triaged_at', 'timestamptz'],
    ['allocated_at', 'timestamptz'],
    ['first_contact_at', 'timestamptz'],
    ['closed_at', 'timestamptz'],
    ['version', 'int4'],
    ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
    ['person_details', 'jsonb'],
  ],
};

export const REFERRAL_EVENTS: TableSpec = {
  table: 'referral_events',
  columns: [
    ['referral_id', 'uuid'],
    ['type', 'text'],
    ['from_status', 'text'],
    ['to_status', 'text'],
    ['at', 'timestamptz'],
    ['actor_user_id', 'uuid'],
    ['snomed_code', 'text'],
    ['details', 'jsonb'],
  ],
};

export const CASE_CONTACTS: TableSpec = {
  table: 'case_contacts',
  columns: [
    ['referral_id', 'uuid'],
    ['pcn_id', 'uuid'],
    ['at', 'timestamptz'],
    ['mode', 'text'],
    ['duration_minutes', 'int4'],
    ['outcome', 'text'],
    ['recorded_by_user_id', 'uuid'],
    ['created_at', 'timestamptz'],
  ],
};

export const CARE_PLANS: TableSpec = {
  table: 'care_plans',
  columns: [
    ['id', 'uuid'],
    ['person_id', 'uuid'],
    ['pcn_id', 'uuid'],
    ['current_version', 'int4'],
    ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
  ],
};

export const CARE_PLAN_VERSIONS: TableSpec = {
  table: 'care_plan_versions',
  columns: [
    ['plan_id', 'uuid'],
    ['version', 'int4'],
    ['content', 'jsonb'],
    ['saved_by', 'uuid'],
    ['saved_at', 'timestamptz'],
  ],
};

export const OUTCOME_MEASURES: TableSpec = {
  table: 'outcome_measures',
  columns: [
    ['person_id', 'uuid'],
    ['referral_id', 'uuid'],
    ['icb_id', 'uuid'],
    ['pcn_id', 'uuid'],
    ['measure', 'text'],
    ['timepoint', 'text'],
    ['answers', 'jsonb'],
    ['scores', 'jsonb'],
    ['recorded_by', 'uuid'],
    ['recorded_at', 'timestamptz'],
    ['administered_on', 'date'],
  ],
};

export const GP_MESSAGES: TableSpec = {
  table: 'gp_messages',
  columns: [
    ['referral_id', 'uuid'],
    ['pcn_id', 'uuid'],
    ['practice_id', 'uuid'],
    ['discharged_at', 'timestamptz'],
    ['discharge_reason', 'text'],
    ['summary', 'text'],
    ['offered', 'jsonb'],
    ['onward_referrals', 'jsonb'],
    ['codes', 'jsonb'],
    ['author_user_id', 'uuid'],
    ['created_at', 'timestamptz'],
  ],
};

export const ONWARD_REFERRALS: TableSpec = {
  table: 'onward_referrals',
  columns: [
    ['id', 'uuid'],
    ['icb_id', 'uuid'],
    ['pcn_id', 'uuid'],
    ['referral_id', 'uuid'],
    ['person_id', 'uuid'],
    ['service_id', 'uuid'],
    ['organization_id', 'uuid'],
    ['kind', 'text'],
    ['delivery', 'text'],
    ['status', 'text'],
    ['consent_recorded_by_user_id', 'uuid'],
    ['consent_recorded_at', 'timestamptz'],
    ['shared_fields', 'text', 'text[]'],
    ['capacity_at_send', 'text'],
    ['service_status_at_send', 'text'],
    ['accepted_at', 'timestamptz'],
    ['declined_at', 'timestamptz'],
    ['decline_reason', 'text'],
    ['closed_at', 'timestamptz'],
    ['outcome', 'text'],
    ['created_by_user_id', 'uuid'],
    ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
  ],
};

export const ONWARD_ATTENDANCES: TableSpec = {
  table: 'onward_attendances',
  columns: [
    ['onward_referral_id', 'uuid'],
    ['kind', 'text'],
    ['on', 'date'],
    ['sessions', 'int4'],
    ['recorded_at', 'timestamptz'],
  ],
};

/**
 * A chunk of case work, written in stages: the referrals first, then the tables that hang off
 * them side by side (each group in its own order), on separate connections.
 */
export const CASE_WORK_STAGES: readonly (readonly (readonly TableSpec[])[])[] = [
  [[REFERRALS]],
  [
    [REFERRAL_EVENTS],
    [CASE_CONTACTS],
    [CARE_PLANS, CARE_PLAN_VERSIONS],
    [OUTCOME_MEASURES],
    [GP_MESSAGES],
    [ONWARD_REFERRALS, ONWARD_ATTENDANCES],
  ],
];
export const CASE_WORK_TABLES: readonly TableSpec[] = CASE_WORK_STAGES.flat(2);
