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
