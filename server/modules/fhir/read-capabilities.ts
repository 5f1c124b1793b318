import { DEFAULT_COUNT, MAX_COUNT } from './search-params.js';
import { HEALTHCARE_SERVICE_SEARCH } from './use-cases/read-directory.js';
import { PATIENT_OWNED_SEARCH, PATIENT_SEARCH } from './use-cases/read-people.js';
import { SERVICE_REQUEST_SEARCH, TASK_SEARCH } from './use-cases/read-referrals.js';

// The CapabilityStatement's `rest.resource` entries for reading state (issue 17 point 3), built
// from the same lists of search parameters the use-cases accept, so the statement cannot promise
// a parameter the server refuses or leave out one it takes.

type ParamType = 'token' | 'reference' | 'date' | 'string';

const PARAM_DOCS: Record<string, { type: ParamType; documentation: string }> = {
  identifier: { type: 'token', documentation: 'system|value or value' },
  patient: { type: 'reference', documentation: 'Patient/<id>' },
  focus: { type: 'reference', documentation: 'ServiceRequest/<id>' },
  status: { type: 'token', documentation: 'a status code; several separated by commas' },
  _lastUpdated: {
    type: 'date',
    documentation: 'a date or a date-time with zone, after eq, gt, ge, lt or le; at most twice (a range)',
  },
  name: { type: 'string', documentation: 'words in the service name or description' },
  organization: { type: 'reference', documentation: 'Organization/<id>' },
};

const PAGING = `Paging: _count (1-${MAX_COUNT}, default ${DEFAULT_COUNT}) and _offset; the searchset Bundle has total and self/next links. Any other parameter, or a modifier, is refused with a 400 OperationOutcome naming it.`;

function resource(
  type: string,
  opts: { search?: readonly string[]; scope?: string; documentation: string; versioned?: boolean },
) {
  return {
    type,
    documentation: `${opts.documentation} ${opts.scope ? `Needs scope ${opts.scope}.` : 'Public: no token needed.'}${opts.search ? ` ${PAGING}` : ''}`,
    interaction: [{ code: 'read' }, ...(opts.search ? [{ code: 'search-type' }] : [])],
    versioning: opts.versioned === false ? 'no-version' : 'versioned',
    readHistory: false,
    ...(opts.search
      ? {
          searchParam: opts.search.map((name) => ({
            name,
            type: PARAM_DOCS[name]?.type ?? 'string',
            documentation: PARAM_DOCS[name]?.documentation ?? '',
          })),
        }
      : {}),
  };
}

export function readResources() {
  return [
    resource('ServiceRequest', {
      search: SERVICE_REQUEST_SEARCH,
      scope: 'referral.read',
      documentation:
        "A referral of the system's practice (or PCN). identifier: Waymark's id (https://waymark.example/Id/referral) or the id the system sent it under. status: active, completed or revoked.",
    }),
    resource('Task', {
      search: TASK_SEARCH,
      scope: 'referral.read',
      documentation:
        "Where a referral stands (Task/<id> has the id of its ServiceRequest, its focus); businessStatus gives Waymark's status. status: received, accepted, in-progress, completed, rejected, cancelled or failed.",
    }),
    resource('Patient', {
      search: PATIENT_SEARCH,
      scope: 'referral.read',
      documentation:
        "A person the system's practice or PCN has referred or works with. Search by NHS number only: identifier=https://fhir.nhs.uk/Id/nhs-number|<number>.",
    }),
    resource('CarePlan', {
      search: PATIENT_OWNED_SEARCH,
      scope: 'careplan.read',
      documentation:
        "The person's one personalised care and support plan with the PCN team (goals as contained Goals). Systems acting for a PCN only; patient is required.",
    }),
    resource('Observation', {
      search: PATIENT_OWNED_SEARCH,
      scope: 'outcome.read',
      documentation:
        'One outcome measure score (ONS4 items, SWEMWBS, UCLA-3, PAM), coded in https://waymark.example/CodeSystem/outcome-score: no verified SNOMED CT or LOINC code is known for these scores. Systems acting for a PCN only; patient is required.',
    }),
    resource('QuestionnaireResponse', {
      search: PATIENT_OWNED_SEARCH,
      scope: 'outcome.read',
      documentation:
        'The answers of one outcome measure recording. Systems acting for a PCN only; patient is required.',
    }),
    resource('HealthcareService', {
      search: HEALTHCARE_SERVICE_SEARCH,
      versioned: false,
      documentation:
        'A service of the Directory of Services, as the Open Referral UK API (/oruk) shows it. _offset must be a multiple of _count.',
    }),
    resource('Organization', {
      versioned: false,
      documentation: 'An organisation of the directory that has a listed service.',
    }),
    resource('Location', {
      versioned: false,
      documentation: 'A place of a listed directory service (a confidential place by its type only).',
    }),
  ];
}
