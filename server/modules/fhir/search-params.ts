import type { UpdatedBound } from '../referrals/referrals.service.js';
import { FhirError } from './operation-outcome.js';

// FHIR search parameters (https://hl7.org/fhir/R4/search.html) as the edge reads them: only the
// parameters a resource declares (in its CapabilityStatement entry) are taken; any other, a
// repeated one where that makes no sense, or a value of the wrong shape is a 400 OperationOutcome
// naming the parameter, so a client never gets a silently unfiltered (wider) answer.

export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 100;
/** Deeper than this, a client narrows its search (`_lastUpdated`) rather than paging on. */
export const MAX_OFFSET = 10_000;

/** Parameters every search takes: paging, and the formats a FHIR client may add. */
const COMMON = ['_count', '_offset', '_format'] as const;

export type RawQuery = Record<string, string | string[] | undefined>;

export interface Paging {
  count: number;
  offset: number;
}

const invalid = (param: string, diagnostics: string) =>
  new FhirError(400, [{ code: 'invalid', expression: param, diagnostics: `${param}: ${diagnostics}` }]);

/** The parameters given, each as its list of values; refuses a parameter the resource does not take. */
export function readQuery(query: RawQuery, allowed: readonly string[]): Map<string, string[]> {
  const params = new Map<string, string[]>();
  const known = new Set<string>([...COMMON, ...allowed]);
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (!known.has(name)) {
      const modifier = name.includes(':') ? ' (search modifiers are not supported)' : '';
      throw invalid(
        name,
        `is not a search parameter this server supports here${modifier}; supported: ${[...allowed, '_count', '_offset'].join(', ')}`,
      );
    }
    params.set(name, Array.isArray(value) ? value : [value]);
  }
  return params;
}

/** The one value of a parameter that may be given once (absent: undefined). */
export function single(params: Map<string, string[]>, name: string): string | undefined {
  const values = params.get(name);
  if (!values) return undefined;
  if (values.length > 1) throw invalid(name, 'may be given only once');
  const value = values[0]?.trim() ?? '';
  if (value === '') throw invalid(name, 'must not be empty');
  if (value.length > 200) throw invalid(name, 'is too long (at most 200 characters)');
  return value;
}

/** A comma-separated OR list (FHIR's `a,b`) of a once-given parameter. */
export function orList(params: Map<string, string[]>, name: string): string[] | undefined {
  const value = single(params, name);
  if (value === undefined) return undefined;
  const parts = value.split(',').map((v) => v.trim());
  if (parts.length > 20) throw invalid(name, 'may list at most 20 values');
  if (parts.some((p) => p === '')) throw invalid(name, 'has an empty value in its list');
  return parts;
}

function integerParam(params: Map<string, string[]>, name: string, min: number, max: number): number | undefined {
  const value = single(params, name);
  if (value === undefined) return undefined;
  if (!/^\d{1,6}$/.test(value) || Number(value) < min || Number(value) > max) {
    throw invalid(name, `must be a whole number from ${min} to ${max}`);
  }
  return Number(value);
}

export function paging(params: Map<string, string[]>): Paging {
  return {
    count: integerParam(params, '_count', 1, MAX_COUNT) ?? DEFAULT_COUNT,
    offset: integerParam(params, '_offset', 0, MAX_OFFSET) ?? 0,
  };
}

/** A token `system|code`, `|code` or `code`. */
export function token(value: string): { system: string | undefined; code: string } {
  const bar = value.indexOf('|');
  if (bar < 0) return { system: undefined, code: value };
  return { system: value.slice(0, bar), code: value.slice(bar + 1) };
}

/** A reference parameter's id: `Type/id`, a full URL ending so, or a bare id; of the type named. */
export function referenceId(name: string, value: string, type: string): string {
  const match = /^(?:.*\/)?([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(value);
  if (match) {
    if (match[1] !== type) throw invalid(name, `must refer to a ${type} (${type}/<id>)`);
    return match[2] as string;
  }
  if (/^[A-Za-z0-9\-.]{1,64}$/.test(value)) return value;
  throw invalid(name, `must be a ${type} reference: ${type}/<id> or <id>`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Whether an id could be one of Waymark's (a uuid); any other id names nothing here. */
export const isUuid = (id: string) => UUID.test(id);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * `_lastUpdated` values: each `[prefix]date` (eq, gt, ge, lt, le; a day, or a date-time with its
 * zone) as the range of instants it means, per FHIR's rule that a value stands for its whole
 * precision (`gt2026-03-01` is from 2 March on).
 */
export function lastUpdated(params: Map<string, string[]>, name = '_lastUpdated'): UpdatedBound[] | undefined {
  const values = params.get(name);
  if (!values) return undefined;
  if (values.length > 2) throw invalid(name, 'may be given at most twice (a lower and an upper bound)');
  return values.map((raw) => {
    const value = raw.trim();
    const m = /^(eq|gt|ge|lt|le)?(.*)$/.exec(value) as RegExpExecArray;
    const prefix = m[1] ?? 'eq';
    const text = m[2] as string;
    let lo: Date;
    let hi: Date;
    const day = DATE.exec(text);
    if (day) {
      lo = new Date(`${text}T00:00:00Z`);
      if (Number.isNaN(lo.getTime()) || lo.toISOString().slice(0, 10) !== text) {
        throw invalid(name, `${text} is not a date`);
      }
      hi = new Date(lo.getTime() + 86_400_000);
    } else if (DATE_TIME.test(text)) {
      lo = new Date(text);
      if (Number.isNaN(lo.getTime())) throw invalid(name, `${text} is not a date-time`);
      hi = new Date(lo.getTime() + (text.includes('.') ? 1 : text.split(':').length > 2 ? 1000 : 60_000));
    } else {
      throw invalid(
        name,
        `must be a date (2026-03-01) or a date-time with its zone (2026-03-01T09:30:00Z), after an optional prefix eq, gt, ge, lt or le; got ${value}`,
      );
    }
    switch (prefix) {
      case 'gt':
        return { from: hi };
      case 'ge':
        return { from: lo };
      case 'lt':
        return { before: lo };
      case 'le':
        return { before: hi };
      default:
        return { from: lo, before: hi };
    }
  });
}

export { invalid as invalidParam };
