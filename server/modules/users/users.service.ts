import type { UserList } from '../../../common/admin-lists.js';
import type { OrganisationRef, StaffMember } from '../../../common/api-types.js';
import { ROLE_PERMISSIONS } from '../../../common/permissions.js';
import { ROLE_LABELS, ROLE_ORGANISATION, type Role } from '../../../common/roles.js';
import type { Scope } from '../../platform/access/scope.js';
import { writeAudit, writeAuditAlone } from '../../platform/audit/audit.js';
import type { Principal, SignedInContext } from '../../platform/context.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { AppError, conflict, isUniqueViolation, notFound, validationError } from '../../platform/errors.js';
import { KeptById } from '../../platform/lru-cache.js';
import { newPasswordProblem } from '../../platform/password-policy.js';
import { hashPassword } from '../../platform/passwords.js';
import { announceSessionEnded } from '../../platform/realtime.js';
import { runUseCase } from '../../platform/use-case.js';
import { queueEmail } from '../notifications/notifications.service.js';
import { organisationRefs, resolveOrganisation } from '../organisations/organisations.service.js';
import * as repo from './users.repository.js';
import type { TUserCreate, TUserListQuery, TUserUpdate } from './users.schemas.js';

export type { UserRow } from './users.repository.js';
export {
  claimTotpStep,
  findUserByEmail,
  findUserById,
  incrementFailedSignIns,
  listTotpSecrets,
  replaceTotpSecret,
  updateUserSecurity,
} from './users.repository.js';

/** Who a user is, as far as access goes: what a principal is made of (a user row, or a session's account). */
export type AccountRef = Pick<
  repo.UserRow,
  'id' | 'name' | 'role' | 'icbId' | 'pcnId' | 'practiceId' | 'vcsOrganisationId'
>;

/** The row-level scope a user acts in, from their role and organisation. */
export function scopeOf(user: Omit<AccountRef, 'id' | 'name'>): Scope {
  const kind = ROLE_ORGANISATION[user.role as Role];
  if (kind === 'practice' && user.practiceId && user.pcnId) {
    return { kind: 'practice', icbId: user.icbId, pcnId: user.pcnId, practiceId: user.practiceId };
  }
  if (kind === 'pcn' && user.pcnId) return { kind: 'pcn', icbId: user.icbId, pcnId: user.pcnId };
  if (kind === 'vcs' && user.vcsOrganisationId) {
    return { kind: 'vcs', icbId: user.icbId, vcsOrganisationId: user.vcsOrganisationId };
  }
  return { kind: 'icb', icbId: user.icbId };
}

export function principalOf(user: AccountRef): Principal {
  const role = user.role as Role;
  return { userId: user.id, name: user.name, role, scope: scopeOf(user), permissions: ROLE_PERMISSIONS[role] };
}

/** The organisation a user belongs to, by their role. */
export function organisationIdOf(user: repo.UserRow): string {
  const scope = scopeOf(user);
  switch (scope.kind) {
    case 'practice':
      return scope.practiceId;
    case 'pcn':
      return scope.pcnId;
    case 'vcs':
      return scope.vcsOrganisationId;
    case 'icb':
      return scope.icbId;
  }
}

function effectiveCapacity(fte: number | null, capacity: number | null): number | null {
  if (fte === null || capacity === null) return null;
  // FTE is stored with two decimals. Work in whole hundredths: in binary floating point
  // 100 × 0.29 is 28.999…, which Math.floor would turn into 28 instead of 29.
  return Math.floor((capacity * Math.round(fte * 100)) / 100);
}

function toStaffMember(row: repo.UserRow, organisation: OrganisationRef | undefined): StaffMember {
  const fte = row.fte === null ? null : Number(row.fte);
  const role = row.role as Role;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role,
    roleLabel: ROLE_LABELS[role],
    organisation: organisation ?? { kind: 'icb', id: row.icbId, code: null, name: 'Unknown organisation' },
    band: row.band,
    fte,
    caseloadCapacity: row.caseloadCapacity,
    effectiveCapacity: effectiveCapacity(fte, row.caseloadCapacity),
    active: row.active,
    secondFactorEnabled: row.totpEnabled,
    version: row.version,
  };
}

async function toStaffMembers(db: DbOrTx, rows: repo.UserRow[]): Promise<StaffMember[]> {
  const refs = await organisationRefs(db, rows.map(organisationIdOf));
  return rows.map((r) => toStaffMember(r, refs.get(organisationIdOf(r))));
}

export async function listUsers(db: Db, ctx: SignedInContext, query: TUserListQuery): Promise<UserList> {
  const { actor } = ctx;
  const { rows, total } = await repo.findUsersPage(db, actor.scope, query);
  await writeAuditAlone(db, ctx, {
    action: 'user.list',
    entityType: 'user',
    details: { count: rows.length, total, query: { ...query } },
  });
  return { items: await toStaffMembers(db, rows), total, page: query.page, pageSize: query.pageSize };
}

export async function getUser(db: Db, ctx: SignedInContext, id: string): Promise<StaffMember> {
  const { actor } = ctx;
  const row = await repo.findUserInScope(db, actor.scope, id);
  if (!row) throw notFound('user');
  await writeAuditAlone(db, ctx, { action: 'user.read', entityType: 'user', entityId: id });
  const [member] = await toStaffMembers(db, [row]);
  return member as StaffMember;
}

/** The PCN's social prescribing team, for the team's own members. */
export async function getTeam(db: Db, ctx: SignedInContext) {
  const { actor } = ctx;
  if (actor.scope.kind !== 'pcn') throw notFound('team');
  const rows = await repo.findTeamOfPcn(db, actor.scope.pcnId);
  const refs = await organisationRefs(db, [actor.scope.pcnId]);
  const pcn = refs.get(actor.scope.pcnId);
  if (!pcn) throw notFound('team');
  await writeAuditAlone(db, ctx, {
    action: 'team.read',
    entityType: 'pcn',
    entityId: pcn.id,
    details: { count: rows.length },
  });
  return { pcn, members: rows.map((r) => toStaffMember(r, pcn)) };
}

const ORGANISATION_FOR_ROLE: Record<string, string> = {
  practice: 'a GP practice',
  pcn: 'a PCN',
  vcs: 'a voluntary or community organisation',
  icb: 'the ICB',
};

export async function createUser(db: Db, ctx: SignedInContext, input: TUserCreate): Promise<StaffMember> {
  const { actor } = ctx;
  const placement = await resolveOrganisation(db, input.organisationId);
  // Out of the admin's ICB reads as "no such organisation", never as "someone else's".
  if (!placement || placement.icbId !== actor.scope.icbId) {
    throw validationError([{ field: 'organisationId', message: 'is not an organisation in your ICB' }]);
  }
  if (placement.retired) {
    throw validationError([{ field: 'organisationId', message: 'has been retired: choose an organisation in use' }]);
  }
  const needed = ROLE_ORGANISATION[input.role];
  if (placement.ref.kind !== needed) {
    throw validationError([
      {
        field: 'organisationId',
        message: `must be ${ORGANISATION_FOR_ROLE[needed]} for the role ${ROLE_LABELS[input.role]}`,
      },
    ]);
  }
  const weak = newPasswordProblem(input.password, input.email);
  if (weak) throw validationError([{ field: 'password', message: weak }]);
  const passwordHash = await hashPassword(input.password);
  try {
    return await runUseCase(db, ctx, async (tx) => {
      const row = await repo.insertUser(tx, {
        name: input.name,
        email: input.email,
        role: input.role,
        icbId: placement.icbId,
        pcnId: placement.pcnId,
        practiceId: placement.practiceId,
        vcsOrganisationId: placement.vcsOrganisationId,
        band: input.band ?? null,
        fte: input.fte == null ? null : String(input.fte),
        caseloadCapacity: input.caseloadCapacity ?? null,
        passwordHash,
      });
      await writeAudit(tx, ctx, {
        action: 'user.create',
        entityType: 'user',
        entityId: row.id,
        details: { role: row.role },
      });
      return toStaffMember(row, placement.ref);
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError('conflict', {
        userMessage: 'A user with this email address already exists.',
        details: { errors: [{ field: 'email', message: 'is already in use' }] },
      });
    }
    throw err;
  }
}

export async function updateUser(db: Db, ctx: SignedInContext, id: string, input: TUserUpdate): Promise<StaffMember> {
  const { actor } = ctx;
  const current = await repo.findUserInScope(db, actor.scope, id);
  if (!current) throw notFound('user');
  if (input.role && ROLE_ORGANISATION[input.role] !== ROLE_ORGANISATION[current.role as Role]) {
    throw validationError([
      {
        field: 'role',
        message: `cannot change to ${ROLE_LABELS[input.role]}: that role belongs to ${ORGANISATION_FOR_ROLE[ROLE_ORGANISATION[input.role]]}; add a new account there instead`,
      },
    ]);
  }
  if (id === actor.userId && (input.active === false || (input.role && input.role !== 'admin'))) {
    throw validationError([
      { field: input.active === false ? 'active' : 'role', message: 'you cannot remove your own administrator access' },
    ]);
  }
  if (input.active === true && !current.active) {
    // Retiring waited for this organisation's users to be deactivated: switching one back on would
    // put the retired organisation back into use (a referrer could refer from it again).
    const placement = await resolveOrganisation(db, organisationIdOf(current));
    if (placement?.retired) {
      throw validationError([
        {
          field: 'active',
          message: `cannot be switched back on: ${placement.ref.name} has been retired: reinstate it, or add them to an organisation in use`,
        },
      ]);
    }
  }
  const updated = await runUseCase(db, ctx, async (tx) => {
    const row = await repo.updateUserVersioned(tx, id, input.version, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      // Deactivation ends every session the person has, now and after any reactivation.
      ...(input.active === false ? { sessionsValidAfter: new Date() } : {}),
      ...(input.band !== undefined ? { band: input.band } : {}),
      ...(input.fte !== undefined ? { fte: input.fte === null ? null : String(input.fte) } : {}),
      ...(input.caseloadCapacity !== undefined ? { caseloadCapacity: input.caseloadCapacity } : {}),
    });
    if (!row) {
      throw conflict(
        `This user was changed by someone else since you opened it (you had version ${input.version}, it is now ${current.version}). Reload to see their change, then try again.`,
      );
    }
    // Their open event streams, on every instance, end with the commit.
    if (input.active === false) await announceSessionEnded(tx, { userId: id });
    const changed = Object.keys(input).filter((k) => k !== 'version');
    await writeAudit(tx, ctx, {
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      details: { fields: changed },
    });
    const refs = await organisationRefs(tx, [organisationIdOf(row)]);
    return toStaffMember(row, refs.get(organisationIdOf(row)));
  });
  // After the commit: a list read meanwhile kept the name and role the database still had.
  if (input.name !== undefined || input.role !== undefined) staffKept.forget(id);
  return updated;
}

/**
 * An administrator resets a user's second factor (a lost or replaced phone): the authenticator is
 * forgotten and every session of the user ends, so the next sign-in asks them to set up a new one
 * (administrators must; others may). Not for one's own account: another administrator confirms
 * who is asking.
 */
export async function resetSecondFactor(db: Db, ctx: SignedInContext, id: string): Promise<StaffMember> {
  const { actor } = ctx;
  const current = await repo.findUserInScope(db, actor.scope, id);
  if (!current) throw notFound('user');
  if (id === actor.userId) {
    throw conflict('You cannot reset your own two-factor authentication: ask another administrator in your ICB.');
  }
  if (!current.totpEnabled) throw conflict(`${current.name} has no two-factor authentication to reset.`);
  return runUseCase(db, ctx, async (tx) => {
    await repo.updateUserSecurity(tx, id, {
      totpSecret: null,
      totpEnabled: false,
      totpLastStep: null,
      sessionsValidAfter: new Date(),
    });
    await announceSessionEnded(tx, { userId: id });
    await writeAudit(tx, ctx, { action: 'user.second-factor.reset', entityType: 'user', entityId: id });
    // Told by email, so that a reset the user did not ask for (an administrator talked into it) is noticed.
    await queueEmail(tx, {
      to: current.email,
      subject: 'Your Waymark two-factor authentication was reset',
      text: [
        `Hello ${current.name},`,
        '',
        'An administrator of your ICB reset the two-factor authentication of your Waymark account just now, and you were signed out everywhere.',
        'The next time you sign in, you will be asked to set up your authenticator app again.',
        '',
        'If you did not ask for this, tell your team lead or your ICB’s digital team today.',
      ].join('\n'),
    });
    const row = (await repo.findUserById(tx, id)) as repo.UserRow;
    const refs = await organisationRefs(tx, [organisationIdOf(row)]);
    return toStaffMember(row, refs.get(organisationIdOf(row)));
  });
}

export type StaffNameAndRole = Pick<repo.StaffRef, 'name' | 'role'>;

// Staff names (and roles, for the workers a case names), for the lists and timelines that say who
// did what, kept a minute: a name seldom changes, and a case record would otherwise read them
// several times per view. A rename or a change of role through this instance is seen at once
// (updateUser forgets it); through another, within the minute. Keyed by user id alone (ids are
// uuids, unique across databases).
const staffKept = new KeptById<StaffNameAndRole>(5000, 60_000);

export function staffNamesAndRoles(db: DbOrTx, ids: Iterable<string>): Promise<Map<string, StaffNameAndRole>> {
  return staffKept.of(ids, async (missing) =>
    (await repo.findStaffByIds(db, missing)).map((r) => [r.id, { name: r.name, role: r.role }]),
  );
}

export async function userNames(db: DbOrTx, ids: Iterable<string>): Promise<Map<string, string>> {
  const staff = await staffNamesAndRoles(db, ids);
  return new Map([...staff].map(([id, s]) => [id, s.name]));
}

export const findUserIdsMatching = repo.findUserIdsMatching;
export const countActiveUsersOf = repo.countActiveUsersOf;
export const userIdsOfIcbQuery = repo.userIdsOfIcbQuery;

/** Staff by id: name, email and role. */
export async function staffByIds(db: DbOrTx, ids: Iterable<string>): Promise<repo.StaffRef[]> {
  return repo.findStaffByIds(db, [...new Set(ids)]);
}

/** The PCN's social prescribing team, for use-cases that audit their own action (allocation, leave). */
export async function teamMembersOfPcn(db: DbOrTx, pcnId: string): Promise<repo.UserRow[]> {
  return repo.findTeamOfPcn(db, pcnId);
}

/** The practice's referrers, who are told in Waymark what happened to the practice's referrals. */
export async function activeReferrersOfPractice(db: DbOrTx, practiceId: string): Promise<repo.UserRow[]> {
  return repo.findActiveReferrersOfPractice(db, practiceId);
}

/** A VCS organisation's active partner users: an onward referral goes to their inbox when there is one. */
export async function activePartnersOf(db: DbOrTx, vcsOrganisationId: string): Promise<repo.UserRow[]> {
  return repo.findActivePartnersOf(db, vcsOrganisationId);
}

// ---- issue 16 (team profiles): what the team module reads and writes of the user record ----

/** A user the actor's scope reaches: their PCN's team for a PCN member, the ICB's users for an admin. */
export async function findUserInScope(db: DbOrTx, scope: Scope, id: string): Promise<repo.UserRow | null> {
  return repo.findUserInScope(db, scope, id);
}

/**
 * The team profile's fields that live on the user record (band, FTE, languages), at the version
 * the editor read; null when someone changed the record since (optimistic concurrency).
 */
export async function updateWorkPattern(
  tx: DbOrTx,
  id: string,
  version: number,
  values: { band: string | null; fte: number | null; languages: string[] },
): Promise<repo.UserRow | null> {
  return repo.updateUserVersioned(tx, id, version, {
    band: values.band,
    fte: values.fte === null ? null : String(values.fte),
    languages: values.languages,
  });
}
