import { and, eq, inArray } from 'drizzle-orm';
import { writeAuditAlone } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { reasonLabels } from '../../codes/codes.service.js';
import { organisationRefs } from '../../organisations/organisations.service.js';
import * as referrals from '../../referrals/referrals.service.js';
import { fhirServiceRequests } from '../fhir.tables.js';
import { WAYMARK_REFERRAL_SYSTEM } from '../fhir-terms.js';
import { FhirError } from '../operation-outcome.js';
import {
  REFERRAL_STATUSES_OF_SERVICE_REQUEST,
  REFERRAL_STATUSES_OF_TASK,
  type ReferralContext,
  type ServiceRequestStatus,
  type TaskStatus,
  toServiceRequest,
  toTask,
} from '../resources/referral-resources.js';
import {
  invalidParam,
  isUuid,
  lastUpdated,
  orList,
  paging,
  type RawQuery,
  readQuery,
  referenceId,
  single,
  token,
} from '../search-params.js';
import { type FhirResource, type Searchset, searchset } from '../searchset.js';

// GET /fhir/R4/ServiceRequest and /Task: a system's referrals, read through the referral module's
// scoped search (a practice's system its own referrals, a PCN's its queue), each read audited with
// the client's id, as the web audits a practice's or a team's reading of a referral.

export type ReferralResourceType = 'ServiceRequest' | 'Task';

export const SERVICE_REQUEST_SEARCH = ['identifier', 'patient', 'status', '_lastUpdated'] as const;
export const TASK_SEARCH = ['identifier', 'focus', 'patient', 'status', '_lastUpdated'] as const;

export const notFoundResource = (type: string, id: string) =>
  new FhirError(404, [{ code: 'not-found', diagnostics: `There is no ${type} with id ${id} that you can see.` }]);

async function referralContext(db: DbOrTx, ctx: SignedInContext, rows: referrals.ReferralRow[]) {
  const ids = rows.map((r) => r.id);
  const clientId = ctx.actor.systemClient?.id;
  const [practices, labels, sent] = await Promise.all([
    organisationRefs(
      db,
      rows.flatMap((r) => (r.practiceId ? [r.practiceId] : [])),
    ),
    reasonLabels(db),
    // Only the acting system's own ids: another sender's ids are theirs.
    clientId && ids.length > 0
      ? db
          .select({ referralId: fhirServiceRequests.referralId, id: fhirServiceRequests.serviceRequestId })
          .from(fhirServiceRequests)
          .where(and(eq(fhirServiceRequests.clientId, clientId), inArray(fhirServiceRequests.referralId, ids)))
      : Promise.resolve([]),
  ]);
  return {
    practices,
    reasonLabels: labels,
    senderIds: new Map(sent.map((s) => [s.referralId, s.id])),
  } satisfies ReferralContext;
}

const toResource = (type: ReferralResourceType) => (type === 'Task' ? toTask : toServiceRequest);

export async function readReferralResource(
  db: Db,
  ctx: SignedInContext,
  type: ReferralResourceType,
  id: string,
): Promise<FhirResource> {
  const row = isUuid(id) ? await referrals.findReferralInScope(db, ctx.actor.scope, id) : null;
  if (!row) {
    await writeAuditAlone(db, ctx, {
      action: 'referral.read',
      outcome: 'denied',
      entityType: 'referral',
      entityId: isUuid(id) ? id : undefined,
      details: { via: 'fhir', resource: type, reason: 'not found in scope' },
    });
    throw notFoundResource(type, id);
  }
  await writeAuditAlone(db, ctx, {
    action: 'referral.read',
    entityType: 'referral',
    entityId: row.id,
    details: { via: 'fhir', resource: type, version: row.version },
  });
  return toResource(type)(row, await referralContext(db, ctx, [row]));
}

/** The referral ids an `identifier` search names: Waymark's own, or the acting system's ServiceRequest ids. */
async function idsOfIdentifiers(db: DbOrTx, ctx: SignedInContext, values: string[]): Promise<string[]> {
  const waymark: string[] = [];
  const theirs: string[] = [];
  for (const v of values) {
    const { system, code } = token(v);
    if (code === '') throw invalidParam('identifier', 'needs a value after the system and |');
    if (system === WAYMARK_REFERRAL_SYSTEM || system === undefined) waymark.push(code);
    if (system === undefined || system === '') theirs.push(code);
  }
  const clientId = ctx.actor.systemClient?.id;
  const sent =
    clientId && theirs.length > 0
      ? await db
          .select({ referralId: fhirServiceRequests.referralId })
          .from(fhirServiceRequests)
          .where(and(eq(fhirServiceRequests.clientId, clientId), inArray(fhirServiceRequests.serviceRequestId, theirs)))
      : [];
  return [...new Set([...waymark.filter(isUuid), ...sent.map((s) => s.referralId)])];
}

function statusesOf(type: ReferralResourceType, values: string[] | undefined): referrals.ReferralSearch['statuses'] {
  if (!values) return undefined;
  const map: Record<string, { status: referrals.ReferralRow['status']; withdrawn?: boolean }[]> =
    type === 'Task'
      ? REFERRAL_STATUSES_OF_TASK
      : Object.fromEntries(
          Object.entries(REFERRAL_STATUSES_OF_SERVICE_REQUEST).map(([k, v]) => [k, v.map((status) => ({ status }))]),
        );
  return values.flatMap((v) => {
    const found = map[v];
    if (!found) {
      throw invalidParam(
        'status',
        `${v} is not a ${type} status this server uses; use one of: ${Object.keys(map).join(', ')}`,
      );
    }
    return found;
  });
}

export async function searchReferralResources(
  db: Db,
  ctx: SignedInContext,
  type: ReferralResourceType,
  query: RawQuery,
  baseUrl: string,
): Promise<Searchset> {
  const params = readQuery(query, type === 'Task' ? TASK_SEARCH : SERVICE_REQUEST_SEARCH);
  const page = paging(params);
  const identifiers = orList(params, 'identifier');
  const patient = single(params, 'patient');
  const focus = single(params, 'focus');
  const search: referrals.ReferralSearch = {
    statuses: statusesOf(type, orList(params, 'status')),
    updated: lastUpdated(params),
    limit: page.count,
    offset: page.offset,
  };
  let ids = identifiers ? await idsOfIdentifiers(db, ctx, identifiers) : undefined;
  if (focus !== undefined) {
    const id = referenceId('focus', focus, 'ServiceRequest');
    ids = ids ? ids.filter((i) => i === id) : [id].filter(isUuid);
  }
  if (ids) search.ids = ids;
  if (patient !== undefined) {
    const personId = referenceId('patient', patient, 'Patient');
    if (isUuid(personId)) search.personId = personId;
    else search.ids = [];
  }
  const { rows, total } = await referrals.searchReferralsInScope(db, ctx.actor.scope, search);
  await writeAuditAlone(db, ctx, {
    action: 'referral.search',
    details: { via: 'fhir', resource: type, count: rows.length, total, referralIds: rows.map((r) => r.id) },
  });
  const context = await referralContext(db, ctx, rows);
  return searchset(
    baseUrl,
    type,
    params,
    page,
    total,
    rows.map((r) => toResource(type)(r, context)),
  );
}

export type { ServiceRequestStatus, TaskStatus };
