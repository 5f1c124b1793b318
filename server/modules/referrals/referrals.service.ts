import type { OfferedPersonDetail, ReferralStatusView, ReferralView } from '../../../common/api-types.js';
import {
  ETHNIC_CATEGORIES,
  GENDER_IDENTITY_LABELS,
  type GenderIdentity,
  SEX_LABELS,
  type Sex,
} from '../../../common/equality.js';
import {
  PERSON_DETAIL_FIELDS,
  PERSON_DETAIL_LABELS,
  type PersonDetailField,
  type ReferralPersonDetails,
  type ReferralStatus,
  STATUS_LABELS,
} from '../../../common/referrals.js';
import { ROLE_LABELS, type Role } from '../../../common/roles.js';
import type { PcnScope } from '../../platform/access/pcn-member.js';
import type { Scope } from '../../platform/access/scope.js';
import { writeAudit, writeAuditAlone } from '../../platform/audit/audit.js';
import { type SignedInContext, userIdOf } from '../../platform/context.js';
import type { Db, DbOrTx, Tx } from '../../platform/db/client.js';
import { readTogether } from '../../platform/db/read-together.js';
import { AppError, notFound } from '../../platform/errors.js';
import { publish } from '../../platform/realtime.js';
import { reasonLabels } from '../codes/codes.service.js';
import { organisationRefs } from '../organisations/organisations.service.js';
import { equalityOfRecord, type PersonRow, peopleByIds } from '../people/people.service.js';

const NOT_ASKED = { sex: null, genderIdentity: null, genderIdentityDescription: null, ethnicity: null };

import { staffNamesAndRoles, userNames } from '../users/users.service.js';
import { allowedFrom, canMove } from './lifecycle.js';
import * as repo from './referrals.repository.js';

export {
  DISCHARGEABLE_STATUSES,
  isWorkable,
  loadCase,
  mayWriteCase,
  WORKABLE_STATUSES,
} from './case-access.js';
export type { ReferralRow } from './referrals.repository.js';

/** The referral if the scope can see it, else null: for other modules' scope checks. */
export const findReferralInScope = repo.findReferralInScope;
/** Whether the person has a referral the scope can see: a team reaches a person through one. */
export const personHasReferralInScope = repo.personHasReferralInScope;
/** Records, once, that the team decided on the new person details a referral brought. */
export const markPersonDetailsReviewed = repo.markPersonDetailsReviewed;
export const countOpenReferralsOfPcn = repo.countOpenReferralsOfPcn;
/** Referrals in the scope matching a search (the FHIR edge's ServiceRequest and Task searches). Not audited here. */
export const searchReferralsInScope = repo.searchReferralsInScope;
export type { ReferralSearch, UpdatedBound } from './referrals.repository.js';
/** The team's work lists (queues, caseloads, cover), each inside the scope it is given. */
export * as workLists from './work-lists.repository.js';

/** The scope of the PCN team that holds this case (a case already found in the caller's scope). */
export function teamScopeOf(row: Pick<repo.ReferralRow, 'icbId' | 'pcnId'>): PcnScope {
  return { kind: 'pcn', icbId: row.icbId, pcnId: row.pcnId };
}

export interface Transition {
  id: string;
  /** The version the user was looking at. */
  version: number;
  to: ReferralStatus;
  set?: Partial<repo.ReferralInsert>;
  event: { type: string; snomedCode?: string | null; details?: Record<string, unknown> };
}

/**
 * Moves a referral to a new status (or re-records it in the same one), in the caller's
 * transaction: the versioned update, its event, its audit row and the realtime notice commit
 * together. Refuses a stale version (409 saying what happened) and a move the lifecycle does
 * not allow (409 naming both statuses); out-of-scope referrals are 404.
 */
export async function transitionReferral(tx: Tx, ctx: SignedInContext, t: Transition): Promise<repo.ReferralRow> {
  const { actor } = ctx;
  const row = await repo.updateReferralVersioned(tx, actor.scope, t.id, t.version, allowedFrom(t.to), {
    ...t.set,
    status: t.to,
  });
  if (!row) {
    const current = await repo.findReferralInScope(tx, actor.scope, t.id);
    if (!current) throw notFound('referral');
    if (current.version !== t.version) {
      throw new AppError('conflict', {
        userMessage: `Someone else changed this referral while you were looking at it: it is now ${STATUS_LABELS[current.status].toLowerCase()}. Reload to see the latest, then decide again.`,
        details: { currentVersion: current.version, currentStatus: current.status },
      });
    }
    if (!canMove(current.status, t.to)) {
      throw new AppError('conflict', {
        userMessage: `A referral that is ${STATUS_LABELS[current.status].toLowerCase()} cannot be moved to ${STATUS_LABELS[t.to].toLowerCase()}.`,
        details: { currentStatus: current.status, requestedStatus: t.to },
      });
    }
    throw notFound('referral');
  }
  const previous = (await repo.findReferralEvents(tx, row.id)).at(-1)?.toStatus ?? null;
  await repo.insertReferralEvent(tx, {
    referralId: row.id,
    type: t.event.type,
    fromStatus: previous,
    toStatus: t.to,
    actorUserId: userIdOf(actor),
    snomedCode: t.event.snomedCode ?? null,
    details: t.event.details ?? {},
  });
  await writeAudit(tx, ctx, {
    action: `referral.${t.event.type}`,
    entityType: 'referral',
    entityId: row.id,
    details: { to: t.to, version: row.version },
  });
  await publish(tx, { type: 'referral.changed', pcnId: row.pcnId, referralId: row.id });
  return row;
}

/** Records an event that does not change status (e.g. cover started), with audit and notice. */
export async function recordReferralEvent(
  tx: Tx,
  ctx: SignedInContext,
  row: repo.ReferralRow,
  event: { type: string; details?: Record<string, unknown> },
): Promise<void> {
  const { actor } = ctx;
  await repo.insertReferralEvent(tx, {
    referralId: row.id,
    type: event.type,
    fromStatus: row.status,
    toStatus: row.status,
    actorUserId: userIdOf(actor),
    details: event.details ?? {},
  });
  await writeAudit(tx, ctx, { action: `referral.${event.type}`, entityType: 'referral', entityId: row.id });
  await publish(tx, { type: 'referral.changed', pcnId: row.pcnId, referralId: row.id });
}

/** One referral as the team sees it (404 outside the user's scope). Reading it is audited. */
export async function getReferral(db: Db, ctx: SignedInContext, id: string): Promise<ReferralView> {
  const { actor } = ctx;
  const row = await repo.findReferralInScope(db, actor.scope, id);
  if (!row) throw notFound('referral');
  await writeAuditAlone(db, ctx, { action: 'referral.read', entityType: 'referral', entityId: id });
  const [view] = await toReferralViews(db, actor.scope, [row], { withEvents: true });
  return view as ReferralView;
}

/** The referring practice's view of one referral: status and decision only. */
export async function getReferralStatus(db: Db, ctx: SignedInContext, id: string): Promise<ReferralStatusView> {
  const { actor } = ctx;
  const row = await repo.findReferralInScope(db, actor.scope, id);
  if (!row) throw notFound('referral');
  await writeAuditAlone(db, ctx, { action: 'referral.read-status', entityType: 'referral', entityId: id });
  const [view] = await toStatusViews(db, [row]);
  return view as ReferralStatusView;
}

export async function toStatusViews(db: DbOrTx, rows: repo.ReferralRow[]): Promise<ReferralStatusView[]> {
  const [labels, referrers] = await readTogether(db, [
    () => reasonLabels(db),
    () =>
      userNames(
        db,
        rows.flatMap((r) => (r.referrerUserId ? [r.referrerUserId] : [])),
      ),
  ]);
  return rows.map((r) => {
    // As the referrer described the person: the record may hold what another team knows.
    const p = r.personDetails;
    return {
      id: r.id,
      person: {
        id: r.personId,
        nhsNumber: p.nhsNumber,
        givenName: p.givenName,
        familyName: p.familyName,
        dateOfBirth: p.dateOfBirth,
        postcode: p.postcode,
      },
      reasons: r.reasons.map((code) => ({ code, label: labels.get(code) ?? code })),
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      receivedAt: r.receivedAt.toISOString(),
      decidedAt: (r.closedAt ?? r.allocatedAt ?? r.triagedAt)?.toISOString() ?? null,
      closureReason: r.closureReason,
      referrerName: r.referrerName ?? (r.referrerUserId ? (referrers.get(r.referrerUserId) ?? null) : null),
    };
  });
}

export async function toReferralViews(
  db: DbOrTx,
  scope: Scope,
  rows: repo.ReferralRow[],
  opts: { withEvents: boolean },
): Promise<ReferralView[]> {
  const workerIds = rows.flatMap((r) => [r.allocatedWorkerId, r.coverWorkerId].filter((x): x is string => !!x));
  const [people, labels, orgs, workers] = await readTogether(db, [
    () =>
      peopleByIds(
        db,
        scope,
        rows.map((r) => r.personId),
      ),
    () => reasonLabels(db),
    () =>
      organisationRefs(
        db,
        rows.flatMap((r) =>
          [r.pcnId, r.practiceId, r.personDetails.registeredPracticeId].filter((x): x is string => !!x),
        ),
      ),
    () => workerRefs(db, workerIds),
  ]);
  const practiceNames = await practiceNamesOf(db, rows, people, orgs);
  const views: ReferralView[] = [];
  for (const r of rows) {
    const p = people.get(r.personId);
    const events = opts.withEvents ? await repo.findReferralEvents(db, r.id) : [];
    const actorNames = await userNames(
      db,
      events.flatMap((e) => (e.actorUserId ? [e.actorUserId] : [])),
    );
    views.push({
      id: r.id,
      version: r.version,
      person: {
        id: r.personId,
        nhsNumber: p?.nhsNumber ?? null,
        givenName: p?.givenName ?? '',
        familyName: p?.familyName ?? '',
        dateOfBirth: p?.dateOfBirth ?? '',
        postcode: p?.postcode ?? null,
        phone: p?.phone ?? null,
        email: p?.email ?? null,
        preferredContact: p?.preferredContact ?? 'phone',
        language: p?.language ?? 'English',
        interpreterNeeded: p?.interpreterNeeded ?? false,
        accessibilityNeeds: p?.accessibilityNeeds ?? null,
        version: p?.version ?? 0,
        equality: p ? equalityOfRecord(p) : NOT_ASKED,
      },
      pcn: orgs.get(r.pcnId) ?? { kind: 'pcn', id: r.pcnId, code: null, name: '' },
      practice: r.practiceId ? (orgs.get(r.practiceId) ?? null) : null,
      source: r.source,
      referrerName: r.referrerName,
      referrerOrganisation: r.referrerOrganisation,
      reasons: r.reasons.map((code) => ({ code, label: labels.get(code) ?? code })),
      details: r.details,
      urgencyRequested: r.urgencyRequested,
      consentToShare: r.consentToShare,
      safeguardingConcern: r.safeguardingConcern,
      status: r.status,
      priority: r.priority,
      complexity: r.complexity,
      predictedPam: r.predictedPam,
      recommendedRole: r.recommendedRole,
      signpostingOnly: r.signpostingOnly,
      triageNotes: r.triageNotes,
      closureReason: r.closureReason,
      closureNote: r.closureNote,
      allocatedWorker: r.allocatedWorkerId ? (workers.get(r.allocatedWorkerId) ?? null) : null,
      coverWorker: r.coverWorkerId ? (workers.get(r.coverWorkerId) ?? null) : null,
      receivedAt: r.receivedAt.toISOString(),
      triagedAt: r.triagedAt?.toISOString() ?? null,
      allocatedAt: r.allocatedAt?.toISOString() ?? null,
      firstContactAt: r.firstContactAt?.toISOString() ?? null,
      firstContactDueAt: r.firstContactDueAt?.toISOString() ?? null,
      identityCheck: r.identityCheck,
      selfReferral: r.selfReferral ?? null,
      spamMarkedAt: r.spamMarkedAt?.toISOString() ?? null,
      personDetailsOffered:
        p && !r.personDetailsReviewedAt
          ? offeredDetails(p, r.personDetails).map((o) => displayOffer(o, practiceNames))
          : [],
      events: events.map((e) => ({
        id: e.id,
        type: e.type,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        at: e.at.toISOString(),
        actorName: e.actorUserId ? (actorNames.get(e.actorUserId) ?? null) : null,
        snomedCode: e.snomedCode,
        details: e.details,
      })),
    });
  }
  return views;
}

async function workerRefs(db: DbOrTx, ids: string[]) {
  const staff = await staffNamesAndRoles(db, ids);
  return new Map([...staff].map(([id, u]) => [id, { id, name: u.name, role: ROLE_LABELS[u.role as Role] }]));
}

/** A detail the referral gives differently from the record, in stored form. */
export interface PersonDetailOffer {
  field: PersonDetailField;
  onRecord: string | boolean | null;
  onReferral: string | boolean;
}

// A self-described gender identity is compared and shown with its description ("In another way: …").
const withDescription = (identity: string | null | undefined, description: string | null | undefined) =>
  identity
    ? `${GENDER_IDENTITY_LABELS[identity as GenderIdentity] ?? identity}${description ? `: ${description}` : ''}`
    : null;

const recordValue = (p: PersonRow, field: PersonDetailField): string | boolean | null =>
  field === 'registeredPracticeId'
    ? p.practiceId
    : field === 'genderIdentity'
      ? withDescription(p.genderIdentity, p.genderIdentityDescription)
      : p[field];

const givenValue = (given: ReferralPersonDetails, field: PersonDetailField) =>
  field === 'genderIdentity' ? withDescription(given.genderIdentity, given.genderIdentityDescription) : given[field];

/**
 * What this referral says about the person that their record does not: a detail the referral
 * left blank is not an offer (blank is "not given", not "remove").
 */
export function offeredDetails(person: PersonRow, given: ReferralPersonDetails): PersonDetailOffer[] {
  return PERSON_DETAIL_FIELDS.flatMap((field) => {
    const onReferral = givenValue(given, field);
    if (onReferral === null || onReferral === undefined) return [];
    const onRecord = recordValue(person, field);
    return onReferral === onRecord ? [] : [{ field, onRecord, onReferral }];
  });
}

const CONTACT_WORDS: Record<string, string> = {
  phone: 'Phone',
  email: 'Email',
  text: 'Text message',
  letter: 'Letter',
};

function displayOffer(o: PersonDetailOffer, practiceNames: Map<string, string>): OfferedPersonDetail {
  const show = (v: string | boolean | null): string | null => {
    if (v === null) return null;
    if (typeof v === 'boolean') return v ? 'Yes' : 'No';
    if (o.field === 'registeredPracticeId') return practiceNames.get(v) ?? 'A practice outside your PCN';
    if (o.field === 'preferredContact') return CONTACT_WORDS[v] ?? v;
    if (o.field === 'sex') return SEX_LABELS[v as Sex] ?? v;
    if (o.field === 'ethnicity') return ETHNIC_CATEGORIES.find((c) => c.code === v)?.label ?? v;
    return v;
  };
  return {
    field: o.field,
    label: PERSON_DETAIL_LABELS[o.field],
    onRecord: show(o.onRecord),
    onReferral: show(o.onReferral) ?? '',
  };
}

async function practiceNamesOf(
  db: DbOrTx,
  rows: repo.ReferralRow[],
  people: Map<string, PersonRow>,
  known: Map<string, { name: string }>,
): Promise<Map<string, string>> {
  const ids = rows.flatMap((r) =>
    [r.personDetails.registeredPracticeId, people.get(r.personId)?.practiceId].filter((x): x is string => !!x),
  );
  // Usually read already with the referral's own organisations; only a person's other practice is not.
  const missing = ids.filter((id) => !known.has(id));
  const refs = missing.length > 0 ? await organisationRefs(db, missing) : new Map<string, { name: string }>();
  return new Map(
    ids.flatMap((id) => {
      const name = (known.get(id) ?? refs.get(id))?.name;
      return name === undefined ? [] : [[id, name] as const];
    }),
  );
}

// Intake for other edges (the FHIR edge's $process-message): the same validation, person matching
// and queue as the web form, and the same idempotency store.
export {
  claimKey,
  purgeIdempotencyKeys,
  requestHash,
  type StoredAnswer,
  saveAnswer,
  storedAnswer,
} from './idempotency.js';
// Telling the referring practice what became of its referral: triage, allocation and cases all do.
export {
  emailReferringPractice,
  notifyReferringPractice,
  type PracticeDecision,
  tellReferringPractice,
} from './practice-email.js';
export { type ReferringSystem, storeReferral, validateReferral } from './use-cases/create-referral.js';
export { OpenReferralError, PossibleDuplicatesError } from './use-cases/intake-person.js';
export { purgeSelfReferralStarts } from './use-cases/self-referral.js';

/** A referral may be withdrawn by its referrer until the team has allocated it. */
export const WITHDRAWABLE_STATUSES: readonly ReferralStatus[] = ['received', 'triaged'];

/** The closure reason of a referral its referrer withdrew (not one a team lead chooses at triage). */
export const WITHDRAWN_BY_REFERRER = 'withdrawn_by_referrer';

/**
 * The referrer withdraws a referral the team has not yet allocated (in the caller's transaction):
 * it is closed as declined with the reason `withdrawn_by_referrer`, with its event and audit row.
 * Out of scope: 404. Allocated or later: 409 naming its status (the team must be asked).
 */
export async function withdrawReferral(tx: Tx, ctx: SignedInContext, id: string): Promise<repo.ReferralRow> {
  const row = await repo.findReferralInScope(tx, ctx.actor.scope, id, { lock: true });
  if (!row) throw notFound('referral');
  if (!WITHDRAWABLE_STATUSES.includes(row.status)) {
    throw new AppError('conflict', {
      userMessage: `This referral is ${STATUS_LABELS[row.status].toLowerCase()}: the team has already taken it on, so it can no longer be withdrawn by message. Contact the social prescribing team.`,
      details: { currentStatus: row.status },
    });
  }
  return transitionReferral(tx, ctx, {
    id: row.id,
    version: row.version,
    to: 'declined',
    set: { closureReason: WITHDRAWN_BY_REFERRER, closedAt: new Date() },
    event: {
      type: 'withdrawn',
      details: {
        reason: WITHDRAWN_BY_REFERRER,
        ...(ctx.actor.systemClient ? { systemClientId: ctx.actor.systemClient.id } : {}),
      },
    },
  });
}
