import {
  type CarePlanComparison,
  type CarePlanContent,
  type CarePlanVersionSummary,
  type CarePlanView,
  emptyPlanProblem,
} from '../../../common/care-plan.js';
import { requirePcnActor } from '../../platform/access/pcn-member.js';
import type { Scope } from '../../platform/access/scope.js';
import { writeAudit, writeAuditAlone } from '../../platform/audit/audit.js';
import type { SignedInContext } from '../../platform/context.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { AppError, notFound, validationError } from '../../platform/errors.js';
import { runUseCase } from '../../platform/use-case.js';
import { allReferralReasons } from '../codes/codes.service.js';
import { peopleByIds } from '../people/people.service.js';
import { personHasReferralInScope } from '../referrals/referrals.service.js';
import { userNames } from '../users/users.service.js';
import * as repo from './care-plans.repository.js';
import type { TCarePlanSave } from './care-plans.schemas.js';
import { diffPlans } from './diff.js';

const WHAT = 'care and support plan';

/**
 * The signed-in team member, and the person when they have a referral in the member's PCN.
 * Anyone else gets 404 for every person alike, so the answer never confirms that they exist.
 * The plan read or saved is always the member's own PCN's: a referral to one PCN never opens
 * the plan another PCN keeps for the same person.
 */
async function requirePersonInScope(db: DbOrTx, ctx: SignedInContext, personId: string, action = 'careplan.read') {
  const actor = requirePcnActor(ctx, WHAT);
  if (!(await personHasReferralInScope(db, actor.scope, personId))) {
    await writeAuditAlone(db, ctx, {
      action,
      outcome: 'denied',
      entityType: 'person',
      entityId: personId,
      details: { reason: 'no referral in the PCN' },
    });
    throw notFound(WHAT);
  }
  const person = (await peopleByIds(db, actor.scope, [personId])).get(personId);
  if (!person) throw notFound(WHAT);
  return { actor, person };
}

async function summaries(
  db: DbOrTx,
  rows: { version: number; savedBy: string; savedAt: Date }[],
): Promise<CarePlanVersionSummary[]> {
  const names = await userNames(
    db,
    rows.map((r) => r.savedBy),
  );
  return rows.map((r) => ({
    version: r.version,
    savedAt: r.savedAt.toISOString(),
    savedBy: { id: r.savedBy, name: names.get(r.savedBy) ?? 'A former colleague' },
  }));
}

/** The latest version of the person's plan (null before the first save). Reading it is audited. */
export async function getCarePlan(db: Db, ctx: SignedInContext, personId: string): Promise<CarePlanView> {
  const { actor, person } = await requirePersonInScope(db, ctx, personId);
  const latest = await repo.findCurrentVersionByPerson(db, actor.scope, personId);
  const [summary] = latest ? await summaries(db, [latest]) : [];
  const domains = await allReferralReasons(db);
  await writeAuditAlone(db, ctx, {
    action: 'careplan.read',
    entityType: 'person',
    entityId: personId,
    details: { version: latest?.version ?? null },
  });
  return {
    person: { id: person.id, givenName: person.givenName, familyName: person.familyName },
    plan: latest && summary ? { ...summary, content: latest.content } : null,
    domains: domains.map((d) => ({ code: d.code, label: d.label })),
  };
}

/** `"3"`, `W/"3"` or `3` → 3. */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const digits = header.match(/\d+/)?.[0];
  return digits === undefined ? undefined : Number(digits);
}

async function staleVersion(db: DbOrTx, scope: Scope, personId: string, based: number): Promise<AppError> {
  const latest = await repo.findCurrentVersionByPerson(db, scope, personId);
  const [who] = latest ? await summaries(db, [latest]) : [];
  const when = who
    ? new Date(who.savedAt).toLocaleString('en-GB', {
        timeZone: 'Europe/London',
        dateStyle: 'long',
        timeStyle: 'short',
      })
    : null;
  return new AppError('conflict', {
    userMessage: who
      ? `${who.savedBy.name} saved a newer version of this plan (version ${who.version}) on ${when}, after the version you opened (version ${based}). Your changes have not been saved.`
      : 'This plan has changed since you opened it. Your changes have not been saved.',
    details: { currentVersion: who?.version ?? null, savedBy: who?.savedBy ?? null, savedAt: who?.savedAt ?? null },
  });
}

/**
 * Saves the whole plan as a new version, based on the version the user opened (0: no plan yet).
 * A stale base is refused with 409 naming who saved the newer version and when: never a silent
 * overwrite. The version row, the plan's counter and the audit row commit together.
 */
export async function saveCarePlan(
  db: Db,
  ctx: SignedInContext,
  personId: string,
  input: TCarePlanSave,
  ifMatch: number | undefined,
): Promise<CarePlanView> {
  const { version: bodyVersion, ...content } = input;
  const based = ifMatch ?? bodyVersion;
  const { actor } = await requirePersonInScope(db, ctx, personId, 'careplan.save');

  const codes = new Set((await allReferralReasons(db)).map((r) => r.code));
  const problems = content.needs.flatMap((n, i) =>
    codes.has(n.domain) ? [] : [{ field: `needs.${i}.domain`, message: 'must be one of the referral reasons' }],
  );
  const empty = emptyPlanProblem(content);
  if (empty) problems.push({ field: 'whatMattersToMe', message: empty });
  if (problems.length) throw validationError(problems);

  const pcnId = actor.scope.pcnId;
  await runUseCase(db, ctx, async (tx) => {
    let plan: repo.CarePlanRow | null;
    if (based === undefined || based === 0) {
      plan = await repo.insertPlan(tx, pcnId, personId);
      if (!plan) {
        throw based === undefined
          ? new AppError('conflict', {
              userMessage: 'Say which version of the plan you are changing (If-Match or version).',
              details: {},
            })
          : await staleVersion(tx, actor.scope, personId, 0);
      }
    } else {
      plan = await repo.bumpPlanVersion(tx, actor.scope, personId, based);
      if (!plan) {
        if (!(await repo.findPlanByPerson(tx, actor.scope, personId))) throw notFound(WHAT);
        throw await staleVersion(tx, actor.scope, personId, based);
      }
    }
    await repo.insertVersion(tx, {
      planId: plan.id,
      version: plan.currentVersion,
      content: content satisfies CarePlanContent,
      savedBy: actor.userId,
    });
    await writeAudit(tx, ctx, {
      action: 'careplan.save',
      entityType: 'person',
      entityId: personId,
      details: { planId: plan.id, version: plan.currentVersion },
    });
  });
  return getCarePlan(db, ctx, personId);
}

async function planOf(db: DbOrTx, ctx: SignedInContext, personId: string) {
  const { actor } = await requirePersonInScope(db, ctx, personId);
  const plan = await repo.findPlanByPerson(db, actor.scope, personId);
  if (!plan) throw notFound(WHAT);
  return plan;
}

/** Who saved each version and when, newest first. */
export async function listCarePlanVersions(
  db: Db,
  ctx: SignedInContext,
  personId: string,
): Promise<CarePlanVersionSummary[]> {
  const plan = await planOf(db, ctx, personId);
  const rows = await repo.listVersions(db, plan.id);
  await writeAuditAlone(db, ctx, { action: 'careplan.read-versions', entityType: 'person', entityId: personId });
  return summaries(db, rows);
}

/** A field-by-field comparison of two versions of the plan. */
export async function compareCarePlanVersions(
  db: Db,
  ctx: SignedInContext,
  personId: string,
  from: number,
  to: number,
): Promise<CarePlanComparison> {
  const plan = await planOf(db, ctx, personId);
  const rows = await repo.findVersions(db, plan.id, [from, to]);
  const a = rows.find((r) => r.version === from);
  const b = rows.find((r) => r.version === to);
  if (!a || !b) throw notFound('version of the plan');
  const [sa, sb] = await summaries(db, [a, b]);
  await writeAuditAlone(db, ctx, {
    action: 'careplan.compare',
    entityType: 'person',
    entityId: personId,
    details: { from, to },
  });
  return {
    from: sa as CarePlanVersionSummary,
    to: sb as CarePlanVersionSummary,
    changes: diffPlans(a.content, b.content),
  };
}

/**
 * The review date of each of these people's current plan with the PCN (absent: no plan yet). For
 * lists the caller has already scoped and audits itself; no audit row here.
 */
export async function planReviewDates(
  db: DbOrTx,
  scope: Scope,
  personIds: string[],
): Promise<Map<string, string | null>> {
  const rows = await repo.findCurrentReviewDates(db, scope, [...new Set(personIds)]);
  return new Map(rows.map((r) => [r.personId, r.reviewOn || null]));
}

/**
 * Who saved each version of the person's plan and when, newest first ([] before the first save).
 * For the case timeline: the caller has checked scope and audits the read; no audit row here.
 */
export async function carePlanVersionsOfPerson(
  db: DbOrTx,
  scope: Scope,
  personId: string,
): Promise<CarePlanVersionSummary[]> {
  return summaries(db, await repo.listVersionsOfPerson(db, scope, personId));
}

export interface CurrentCarePlan {
  plan: repo.CarePlanRow;
  content: CarePlanContent;
}

/**
 * The PCN team's plan, found by its id or by the person, with its current content (null outside
 * the scope or before the first save). For the FHIR edge, which audits the read itself.
 */
export async function currentCarePlanInScope(
  db: DbOrTx,
  scope: Scope,
  by: { id: string } | { personId: string },
): Promise<CurrentCarePlan | null> {
  const plan =
    'id' in by ? await repo.findPlanInScope(db, scope, by.id) : await repo.findPlanByPerson(db, scope, by.personId);
  if (!plan) return null;
  const latest = await repo.findVersion(db, plan.id, plan.currentVersion);
  return latest ? { plan, content: latest.content } : null;
}
