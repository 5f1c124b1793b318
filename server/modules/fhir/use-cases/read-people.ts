import { isValidNhsNumber } from '../../../../common/nhs-number.js';
import { writeAuditAlone } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { currentCarePlanInScope } from '../../care-plans/care-plans.service.js';
import { reasonLabels } from '../../codes/codes.service.js';
import * as outcomes from '../../outcomes/outcomes.service.js';
import { findPersonByNhsNumberVisibleTo, findPersonVisibleTo } from '../../people/people.service.js';
import { NHS_NUMBER_SYSTEM } from '../fhir-terms.js';
import {
  parseObservationId,
  toCarePlan,
  toObservations,
  toPatient,
  toQuestionnaireResponse,
} from '../resources/person-resources.js';
import {
  invalidParam,
  isUuid,
  paging,
  type RawQuery,
  readQuery,
  referenceId,
  single,
  token,
} from '../search-params.js';
import { type FhirResource, type Searchset, searchset } from '../searchset.js';
import { notFoundResource } from './read-referrals.js';

// Patient, CarePlan, Observation and QuestionnaireResponse for registered systems: each found
// through its own module's scoped lookup (a person the system's practice or PCN knows; the PCN
// team's plan and measures), each read audited with the client's id as the web audits it.

export const PATIENT_SEARCH = ['identifier'] as const;
export const PATIENT_OWNED_SEARCH = ['patient'] as const;

export async function readPatient(db: Db, ctx: SignedInContext, id: string): Promise<FhirResource> {
  const person = isUuid(id) ? await findPersonVisibleTo(db, ctx.actor.scope, id) : null;
  await writeAuditAlone(db, ctx, {
    action: 'person.read',
    ...(person ? {} : { outcome: 'denied' as const }),
    entityType: 'person',
    entityId: isUuid(id) ? id : undefined,
    details: { via: 'fhir', resource: 'Patient', ...(person ? {} : { reason: 'not found in scope' }) },
  });
  if (!person) throw notFoundResource('Patient', id);
  return toPatient(person);
}

export async function searchPatients(
  db: Db,
  ctx: SignedInContext,
  query: RawQuery,
  baseUrl: string,
): Promise<Searchset> {
  const params = readQuery(query, PATIENT_SEARCH);
  const page = paging(params);
  const value = single(params, 'identifier');
  if (value === undefined) {
    throw invalidParam(
      'identifier',
      `is required: search people by NHS number (identifier=${NHS_NUMBER_SYSTEM}|<number>)`,
    );
  }
  const { system, code } = token(value);
  if (system !== undefined && system !== NHS_NUMBER_SYSTEM) {
    throw invalidParam('identifier', `must be an NHS number (system ${NHS_NUMBER_SYSTEM})`);
  }
  const nhsNumber = code.replace(/\s+/g, '');
  if (!isValidNhsNumber(nhsNumber)) throw invalidParam('identifier', `${code} is not a valid NHS number`);
  const person = await findPersonByNhsNumberVisibleTo(db, ctx.actor.scope, nhsNumber);
  await writeAuditAlone(db, ctx, {
    action: 'person.search',
    ...(person ? { entityType: 'person', entityId: person.id } : {}),
    details: { via: 'fhir', resource: 'Patient', count: person ? 1 : 0 },
  });
  const found = person && page.offset === 0 ? [toPatient(person)] : [];
  return searchset(baseUrl, 'Patient', params, page, person ? 1 : 0, found);
}

function patientParam(params: Map<string, string[]>): string | null {
  const value = single(params, 'patient');
  if (value === undefined) throw invalidParam('patient', 'is required: Patient/<id> (find the id by NHS number first)');
  const id = referenceId('patient', value, 'Patient');
  return isUuid(id) ? id : null;
}

export async function readCarePlan(db: Db, ctx: SignedInContext, id: string): Promise<FhirResource> {
  const current = isUuid(id) ? await currentCarePlanInScope(db, ctx.actor.scope, { id }) : null;
  await writeAuditAlone(db, ctx, {
    action: 'careplan.read',
    ...(current ? {} : { outcome: 'denied' as const }),
    entityType: 'person',
    entityId: current?.plan.personId,
    details: { via: 'fhir', carePlanId: isUuid(id) ? id : null, version: current?.plan.currentVersion ?? null },
  });
  if (!current) throw notFoundResource('CarePlan', id);
  return toCarePlan(current, await reasonLabels(db));
}

export async function searchCarePlans(
  db: Db,
  ctx: SignedInContext,
  query: RawQuery,
  baseUrl: string,
): Promise<Searchset> {
  const params = readQuery(query, PATIENT_OWNED_SEARCH);
  const page = paging(params);
  const personId = patientParam(params);
  const current = personId ? await currentCarePlanInScope(db, ctx.actor.scope, { personId }) : null;
  await writeAuditAlone(db, ctx, {
    action: 'careplan.read',
    entityType: 'person',
    entityId: personId ?? undefined,
    details: { via: 'fhir', search: true, version: current?.plan.currentVersion ?? null },
  });
  const found = current && page.offset === 0 ? [toCarePlan(current, await reasonLabels(db))] : [];
  return searchset(baseUrl, 'CarePlan', params, page, current ? 1 : 0, found);
}

export type OutcomeResourceType = 'Observation' | 'QuestionnaireResponse';

export async function readOutcomeResource(
  db: Db,
  ctx: SignedInContext,
  type: OutcomeResourceType,
  id: string,
): Promise<FhirResource> {
  const recordingId = type === 'Observation' ? parseObservationId(id)?.recordingId : isUuid(id) ? id : undefined;
  const row = recordingId ? await outcomes.findOutcomeMeasureInScope(db, ctx.actor.scope, recordingId) : null;
  const resource = row
    ? type === 'Observation'
      ? toObservations(row).find((o) => o.id === id)
      : toQuestionnaireResponse(row)
    : undefined;
  await writeAuditAlone(db, ctx, {
    action: 'outcome.read',
    ...(resource ? {} : { outcome: 'denied' as const }),
    entityType: 'referral',
    entityId: resource ? row?.referralId : undefined,
    details: { via: 'fhir', resource: type, outcomeMeasureId: recordingId ?? null },
  });
  if (!resource) throw notFoundResource(type, id);
  return resource;
}

export async function searchOutcomeResources(
  db: Db,
  ctx: SignedInContext,
  type: OutcomeResourceType,
  query: RawQuery,
  baseUrl: string,
): Promise<Searchset> {
  const params = readQuery(query, PATIENT_OWNED_SEARCH);
  const page = paging(params);
  const personId = patientParam(params);
  const rows = personId ? await outcomes.findOutcomeMeasuresOfPerson(db, ctx.actor.scope, personId) : [];
  const all = rows.flatMap((r) => (type === 'Observation' ? toObservations(r) : [toQuestionnaireResponse(r)]));
  await writeAuditAlone(db, ctx, {
    action: 'outcome.read',
    entityType: 'person',
    entityId: personId ?? undefined,
    details: {
      via: 'fhir',
      resource: type,
      count: all.length,
      referralIds: [...new Set(rows.map((r) => r.referralId))],
    },
  });
  return searchset(baseUrl, type, params, page, all.length, all.slice(page.offset, page.offset + page.count));
}
