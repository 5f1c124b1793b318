import type { OrganisationKind, OrganisationRef, OrganisationTree, PcnNode } from '../../../common/api-types.js';
import type { Scope } from '../../platform/access/scope.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { SignedInContext } from '../../platform/context.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { AppError, isUniqueViolation, notFound, validationError } from '../../platform/errors.js';
import { runUseCase } from '../../platform/use-case.js';
import * as repo from './organisations.repository.js';
import type { TPcnCreate, TPracticeCreate, TVcsCreate } from './organisations.schemas.js';

function actorScope(ctx: SignedInContext): Scope {
  return ctx.actor.scope;
}

export async function getOrganisationTree(
  db: Db,
  ctx: SignedInContext,
  { includeRetired = false }: { includeRetired?: boolean } = {},
): Promise<OrganisationTree> {
  const scope = actorScope(ctx);
  const [icbRows, pcnRows, vcsRows] = await Promise.all([
    repo.findIcbsInScope(db, scope),
    repo.findPcnsInScope(db, scope),
    repo.findVcsInScope(db, scope),
  ]);
  const practiceRows = await repo.findPracticesInScope(
    db,
    scope,
    pcnRows.map((p) => p.id),
  );
  const shown = (row: { retiredAt: Date | null }) => includeRetired || row.retiredAt === null;
  const retired = (row: { retiredAt: Date | null }) => (row.retiredAt ? { retired: true as const } : {});
  return {
    icbs: icbRows.map((icb) => ({
      id: icb.id,
      code: icb.code,
      name: icb.name,
      // The tree feeds pickers: retired organisations take nothing new, so they are not offered
      // (only a search of past records, such as the users list's filter, asks for them).
      pcns: pcnRows
        .filter((p) => p.icbId === icb.id && shown(p))
        .map(
          (p): PcnNode => ({
            id: p.id,
            code: p.code,
            name: p.name,
            ...retired(p),
            practices: practiceRows
              .filter((pr) => pr.pcnId === p.id && shown(pr))
              .map((pr) => ({ id: pr.id, code: pr.code, name: pr.name, ...retired(pr) })),
          }),
        ),
      vcsOrganisations: vcsRows
        .filter((v) => v.icbId === icb.id && shown(v))
        .map((v) => ({ id: v.id, name: v.name, charityNumber: v.charityNumber, ...retired(v) })),
    })),
  };
}

/** The practices of one PCN that take new work (not retired), by name: a PCN team's picker and filter. */
export async function activePracticesOfPcn(
  db: DbOrTx,
  scope: Scope,
  pcnId: string,
): Promise<{ id: string; name: string }[]> {
  const rows = await repo.findPracticesInScope(db, scope, [pcnId]);
  return rows.filter((r) => r.retiredAt === null && r.pcnId === pcnId).map((r) => ({ id: r.id, name: r.name }));
}

/** A practice with its PCN, if the user's scope reaches it; otherwise 404. */
export async function getPractice(db: Db, ctx: SignedInContext, id: string) {
  const found = await repo.findPracticeInScope(db, actorScope(ctx), id);
  if (!found) throw notFound('practice');
  return {
    id: found.practice.id,
    code: found.practice.code,
    name: found.practice.name,
    pcn: { kind: 'pcn' as const, id: found.pcn.id, code: found.pcn.code, name: found.pcn.name },
  };
}

function duplicate(field: string, what: string): AppError {
  return new AppError('conflict', {
    userMessage: `${what} already exists.`,
    details: { errors: [{ field, message: `${what} already exists` }] },
  });
}

interface NewOrganisation {
  type: 'pcn' | 'practice' | 'vcs';
  entityType: 'pcn' | 'practice' | 'vcs_organisation';
  /** Its code (a VCS organisation's charity number), which pcn and practice audit rows carry too. */
  code: string | null;
  name: string;
}

/**
 * Adds an organisation in one use-case: its row, the first line of its history (who added it, as
 * what) and the audit row; a unique violation is answered as `duplicateOf` says.
 */
async function createOrganisation<Row extends { id: string }>(
  db: Db,
  ctx: SignedInContext,
  insert: (tx: DbOrTx) => Promise<Row>,
  describe: (row: Row) => NewOrganisation,
  duplicateOf: (err: unknown) => AppError | null,
): Promise<Row> {
  try {
    return await runUseCase(db, ctx, async (tx) => {
      const row = await insert(tx);
      const { type, entityType, code, name } = describe(row);
      await repo.insertHistory(tx, {
        icbId: actorScope(ctx).icbId,
        organisationType: type,
        organisationId: row.id,
        change: 'created',
        changes: { name: { from: null, to: name }, code: { from: null, to: code } },
        actorUserId: ctx.actor.userId,
      });
      const details = type === 'vcs' ? {} : { details: { code } };
      await writeAudit(tx, ctx, { action: 'organisation.create', entityType, entityId: row.id, ...details });
      return row;
    });
  } catch (err) {
    const known = isUniqueViolation(err) ? duplicateOf(err) : null;
    throw known ?? err;
  }
}

/** Admins may only add organisations to their own ICB. */
function assertOwnIcb(ctx: SignedInContext, icbId: string): void {
  if (actorScope(ctx).icbId !== icbId) throw notFound('ICB');
}

export async function createPcn(db: Db, ctx: SignedInContext, input: TPcnCreate) {
  assertOwnIcb(ctx, input.icbId);
  const row = await createOrganisation(
    db,
    ctx,
    (tx) => repo.insertPcn(tx, input),
    (pcn) => ({ type: 'pcn', entityType: 'pcn', code: pcn.code, name: pcn.name }),
    () => duplicate('code', `A PCN with code ${input.code}`),
  );
  return { id: row.id, code: row.code, name: row.name, practices: [] };
}

export async function createPractice(db: Db, ctx: SignedInContext, input: TPracticeCreate) {
  const pcn = await repo.findPcnById(db, input.pcnId);
  if (!pcn || pcn.icbId !== actorScope(ctx).icbId) throw notFound('PCN');
  if (pcn.retiredAt) {
    throw validationError([{ field: 'pcnId', message: 'has been retired: choose a PCN in use' }]);
  }
  const row = await createOrganisation(
    db,
    ctx,
    (tx) => repo.insertPractice(tx, input),
    (practice) => ({ type: 'practice', entityType: 'practice', code: practice.code, name: practice.name }),
    () => duplicate('code', `A practice with code ${input.code}`),
  );
  return { id: row.id, code: row.code, name: row.name };
}

export async function createVcsOrganisation(db: Db, ctx: SignedInContext, input: TVcsCreate) {
  assertOwnIcb(ctx, input.icbId);
  const row = await createOrganisation(
    db,
    ctx,
    (tx) => repo.insertVcs(tx, { icbId: input.icbId, name: input.name, charityNumber: input.charityNumber ?? null }),
    (vcs) => ({ type: 'vcs', entityType: 'vcs_organisation', code: vcs.charityNumber, name: vcs.name }),
    (err) =>
      isUniqueViolation(err, 'vcs_organisations_charity_number_unique')
        ? duplicate('charityNumber', `An organisation with charity number ${input.charityNumber}`)
        : duplicate('name', `An organisation called ${input.name}`),
  );
  return { id: row.id, name: row.name, charityNumber: row.charityNumber };
}

/** The place in the tenancy an organisation id stands for (used when creating users). */
export interface OrganisationPlacement {
  ref: OrganisationRef;
  /** Retired organisations keep their records but take no new users or referrals. */
  retired: boolean;
  icbId: string;
  pcnId: string | null;
  practiceId: string | null;
  vcsOrganisationId: string | null;
}

export async function resolveOrganisation(db: DbOrTx, id: string): Promise<OrganisationPlacement | null> {
  const practice = await repo.findPracticeById(db, id);
  if (practice) {
    const pcn = await repo.findPcnById(db, practice.pcnId);
    if (!pcn) return null;
    return {
      ref: { kind: 'practice', id: practice.id, code: practice.code, name: practice.name },
      retired: practice.retiredAt !== null || pcn.retiredAt !== null,
      icbId: pcn.icbId,
      pcnId: pcn.id,
      practiceId: practice.id,
      vcsOrganisationId: null,
    };
  }
  const pcn = await repo.findPcnById(db, id);
  if (pcn) {
    return {
      ref: { kind: 'pcn', id: pcn.id, code: pcn.code, name: pcn.name },
      retired: pcn.retiredAt !== null,
      icbId: pcn.icbId,
      pcnId: pcn.id,
      practiceId: null,
      vcsOrganisationId: null,
    };
  }
  const vcs = await repo.findVcsById(db, id);
  if (vcs) {
    return {
      ref: { kind: 'vcs', id: vcs.id, code: null, name: vcs.name },
      retired: vcs.retiredAt !== null,
      icbId: vcs.icbId,
      pcnId: null,
      practiceId: null,
      vcsOrganisationId: vcs.id,
    };
  }
  const icb = await repo.findIcbById(db, id);
  if (icb) {
    return {
      ref: { kind: 'icb', id: icb.id, code: icb.code, name: icb.name },
      retired: false,
      icbId: icb.id,
      pcnId: null,
      practiceId: null,
      vcsOrganisationId: null,
    };
  }
  return null;
}

/** The id of the GP practice with this ODS code, or null (the FHIR edge names practices by code). */
export async function practiceIdByOdsCode(db: DbOrTx, code: string): Promise<string | null> {
  return (await repo.findPracticeByCode(db, code))?.id ?? null;
}

/** A reference to the organisation of the given kind and id (for display). */
export async function organisationRef(db: DbOrTx, kind: OrganisationKind, id: string): Promise<OrganisationRef | null> {
  const placement = await resolveOrganisation(db, id);
  return placement && placement.ref.kind === kind ? placement.ref : null;
}

/** OrganisationRefs by id, for any mix of kinds. */
export { forgetOrganisationRef, organisationRefs } from './organisation-refs.js';

/** A practice's name and shared mailbox (where referral decisions are emailed), or null. */
export async function practiceContact(db: DbOrTx, id: string): Promise<{ name: string; email: string | null } | null> {
  const row = await repo.findPracticeById(db, id);
  return row ? { name: row.name, email: row.email } : null;
}

export type { PublicPracticeRow } from './organisations.repository.js';
export {
  findPcnContact,
  findPublicPractice,
  findPublicPractices,
  findPublicPracticesWithPostcode,
} from './organisations.repository.js';
