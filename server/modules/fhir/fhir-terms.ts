// The systems and codes the FHIR edge speaks (shared/reference/standards.md, nhs-data.md).

export const FHIR_VERSION = '4.0.1';
export const FHIR_JSON = 'application/fhir+json';

export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
export const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
export const SNOMED_SYSTEM = 'http://snomed.info/sct';
export const BARS_EVENTS_SYSTEM = 'https://fhir.nhs.uk/CodeSystem/message-events-bars';
export const EVENT_REQUEST = 'servicerequest-request';
export const EVENT_RESPONSE = 'servicerequest-response';

/** Waymark's own referral id, as a ServiceRequest identifier in the answers it sends. */
export const WAYMARK_REFERRAL_SYSTEM = 'https://waymark.example/Id/referral';
/** Waymark's referral reasons (GET /api/referral-reasons gives the codes and their labels). */
export const WAYMARK_REASON_SYSTEM = 'https://waymark.example/CodeSystem/referral-reason';

/** Waymark's referral statuses (common/referrals.ts), as the Task's business status. */
export const WAYMARK_REFERRAL_STATUS_SYSTEM = 'https://waymark.example/CodeSystem/referral-status';
/** Why a referral closed (common/referrals.ts CLOSURE_REASON_LABELS), as the Task's status reason. */
export const WAYMARK_CLOSURE_REASON_SYSTEM = 'https://waymark.example/CodeSystem/closure-reason';
/**
 * Waymark's own codes for outcome measure scores: the reference (nhs-data.md) gives no verified
 * SNOMED CT or LOINC concept for ONS4, SWEMWBS, UCLA-3 or PAM scores, so none is claimed.
 */
export const WAYMARK_OUTCOME_SYSTEM = 'https://waymark.example/CodeSystem/outcome-score';
/** The outcome measures' questionnaires (canonical URLs; Waymark does not serve them yet). */
export const WAYMARK_QUESTIONNAIRE_BASE = 'https://waymark.example/Questionnaire';
/** Directory (Open Referral UK) ids of organisations, services and locations. */
export const WAYMARK_DIRECTORY_SYSTEM = 'https://waymark.example/Id/directory';
