// Errors under /fhir are OperationOutcome resources (FHIR R4), each issue naming the element (a
// FHIRPath such as `Bundle.entry[2].resource.birthDate`) and the problem in words.

export type IssueType =
  | 'invalid'
  | 'structure'
  | 'required'
  | 'value'
  | 'code-invalid'
  | 'not-supported'
  | 'duplicate'
  | 'not-found'
  | 'too-long'
  | 'conflict'
  | 'business-rule'
  | 'security'
  | 'login'
  | 'expired'
  | 'forbidden'
  | 'throttled'
  | 'processing'
  | 'exception'
  | 'transient';

export interface Issue {
  severity?: 'fatal' | 'error' | 'warning' | 'information';
  code: IssueType;
  /** The element's FHIRPath, when the problem is in one. */
  expression?: string;
  diagnostics: string;
}

export interface OperationOutcome {
  resourceType: 'OperationOutcome';
  issue: { severity: string; code: IssueType; diagnostics: string; expression?: string[] }[];
}

export function operationOutcome(issues: Issue[]): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({
      severity: i.severity ?? 'error',
      code: i.code,
      diagnostics: i.diagnostics,
      ...(i.expression ? { expression: [i.expression] } : {}),
    })),
  };
}

/** A refusal of the message, answered as an OperationOutcome with this HTTP status. */
export class FhirError extends Error {
  constructor(
    readonly status: number,
    readonly issues: Issue[],
  ) {
    super(issues.map((i) => `${i.expression ?? ''} ${i.diagnostics}`).join('; '));
  }
}
