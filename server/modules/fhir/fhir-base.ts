/** Where the FHIR R4 edge lives. */
export const FHIR_BASE = '/fhir/R4';
