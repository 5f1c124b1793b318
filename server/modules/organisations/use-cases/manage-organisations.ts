import {
  ORGANISATION_TYPE_LABELS,
  type OrganisationDetail,
  type OrganisationList,
  type OrganisationListItem,
  type OrganisationType,
} from '../../../../common/admin-lists.js';
import { writeAudit, writeAuditAlone } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db, DbOrTx, Tx } from '../../../platform/db/client.js';
import { AppError, conflict, isUniqueViolation, notFound, validationError } from '../../../platform/errors.js';
import { runUseCase } from '../../../platform/use-case.js';
import { countOpenReferralsOfPcn } from '../../referrals/referrals.service.js';
import { countActiveUsersOf, userNames } from '../../users/users.service.js';
import { forgetOrganisationRef } from '../organisation-refs.js';
import * as repo from '../organisations.repository.js';
import type { TOrganisationListQuery, TOrganisationUpdate } from '../organisations.schemas.js';

// The administrator's view of the ICB's organisations: one list of PCNs, practices and VCS
// organisations, each with its page, edits and retirement, and a history that is never deleted.

const FIELD_ORDER = ['name', 'code', 'email', 'listSize', 'postcode', 'publicPhone', 'publicEmail'];
/** The fields only one kind of organisation keeps: a practice's, or a PCN's public contact details. */
const KEPT_BY = {
  email: 'practice',
  listSize: 'practice',
  postcode: 'practice',
  publicPhone: 'pcn',
  publicEmail: 'pcn',
} as const;
const KEPT_WORDS = { practice: 'GP practices', pcn: 'PCNs' } as const;

function icbOf(ctx: SignedInContext): string {
  return ctx.actor.scope.icbId;
}

interface Loaded {
  item: OrganisationListItem;
  email: string | null;
  listSize: number | null;
  /** A practice's postcode (the nearest surgery to a self-referrer who does not know theirs). */
  postcode: string | null;
  /** A PCN team's public phone and email (on residents' status pages and messages). */
  publicPhone: string | null;
  publicEmail: string | null;
  createdAt: Date;
}

const NONE = { email: null, listSize: null, postcode: null, publicPhone: null, publicEmail: null };

/** Every PCN, practice and VCS organisation of the ICB, retired ones included. */
async function loadAll(db: DbOrTx, icbId: string): Promise<Loaded[]> {
  const scope = { kind: 'icb' as const, icbId };
  const pcnRows = await repo.findPcnsInScope(db, scope);
  const practiceRows = await repo.findPracticesInScope(
    db,
    scope,
    pcnRows.map((p) => p.id),
  );
  const vcsRows = await repo.findVcsInScope(db, scope);
  const pcnRef = new Map(pcnRows.map((p) => [p.id, { kind: 'pcn' as const, id: p.id, code: p.code, name: p.name }]));
  const item = (
    type: OrganisationType,
    row: { id: string; name: string; retiredAt: Date | null },
    code: string | null,
    pcnId: string | null = null,
  ): OrganisationListItem => ({
    id: row.id,
    type,
    typeLabel: ORGANISATION_TYPE_LABELS[type],
    code,
    name: row.name,
    pcn: pcnId ? (pcnRef.get(pcnId) ?? null) : null,
    retiredAt: row.retiredAt?.toISOString() ?? null,
  });
  return [
    ...pcnRows.map((p) => ({
      ...NONE,
      item: item('pcn', p, p.code),
      publicPhone: p.publicPhone,
      publicEmail: p.publicEmail,
      createdAt: p.createdAt,
    })),
    ...practiceRows.map((p) => ({
      ...NONE,
      item: item('practice', p, p.code, p.pcnId),
      email: p.email,
      listSize: p.listSize,
      postcode: p.postcode,
      createdAt: p.createdAt,
    })),
    ...vcsRows.map((v) => ({ ...NONE, item: item('vcs', v, v.charityNumber), createdAt: v.createdAt })),
  ];
}

/**
 * One page of the ICB's organisations. An ICB has tens of PCNs and a few hundred practices and
 * partners, so they are filtered and sorted here rather than in one SQL query over three tables.
 */
export async function listOrganisations(
  db: Db,
  ctx: SignedInContext,
  query: TOrganisationListQuery,
): Promise<OrganisationList> {
  const all = (await loadAll(db, icbOf(ctx))).map((l) => l.item);
  const text = query.q?.toLowerCase();
  const matching = all.filter(
    (o) =>
      (!text || o.name.toLowerCase().includes(text) || (o.code ?? '').toLowerCase().includes(text)) &&
      (!query.type || o.type === query.type) &&
      (query.status === 'all' || (query.status === 'retired') === (o.retiredAt !== null)),
  );
  const key = (o: OrganisationListItem) => (query.sort === 'type' ? o.typeLabel : (o[query.sort] ?? ''));
  const sign = query.dir === 'desc' ? -1 : 1;
  matching.sort((a, b) => sign * key(a).localeCompare(key(b), 'en-GB') || a.name.localeCompare(b.name, 'en-GB'));
  const start = (query.page - 1) * query.pageSize;
  await writeAuditAlone(db, ctx, {
    action: 'organisation.list',
    details: { total: matching.length, query: { ...query } },
  });
  return {
    items: matching.slice(start, start + query.pageSize),
    total: matching.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

async function findOne(db: DbOrTx, ctx: SignedInContext, id: string): Promise<Loaded> {
  const found = (await loadAll(db, icbOf(ctx))).find((l) => l.item.id === id);
  if (!found) throw notFound('organisation');
  return found;
}

const placementOf = (item: OrganisationListItem) =>
  item.type === 'pcn'
    ? { pcnId: item.id }
    : item.type === 'practice'
      ? { practiceId: item.id }
      : { vcsOrganisationId: item.id };

export async function getOrganisation(db: Db, ctx: SignedInContext, id: string): Promise<OrganisationDetail> {
  const { item, email, listSize, postcode, publicPhone, publicEmail, createdAt } = await findOne(db, ctx, id);
  const rows = await repo.findHistory(db, id);
  const names = await userNames(
    db,
    rows.flatMap((r) => (r.actorUserId ? [r.actorUserId] : [])),
  );
  return {
    ...item,
    email,
    listSize,
    postcode,
    publicPhone,
    publicEmail,
    createdAt: createdAt.toISOString(),
    activeUsers: await countActiveUsersOf(db, placementOf(item)),
    history: rows.map((r) => ({
      at: r.at.toISOString(),
      change: r.change,
      by: r.actorUserId ? (names.get(r.actorUserId) ?? 'A former user') : null,
      // jsonb keeps keys in its own order: show them in the form's.
      changes: Object.entries(r.changes)
        .map(([field, c]) => ({ field, from: c.from, to: c.to }))
        .sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field)),
      reason: r.reason,
    })),
  };
}

/** Writes the history row and the audit row of a change, in the change's transaction. */
async function record(
  tx: Tx,
  ctx: SignedInContext,
  item: OrganisationListItem,
  change: 'created' | 'edited' | 'retired' | 'reinstated',
  changes: Record<string, { from: string | null; to: string | null }>,
  reason: string | null = null,
): Promise<void> {
  await repo.insertHistory(tx, {
    icbId: icbOf(ctx),
    organisationType: item.type,
    organisationId: item.id,
    change,
    changes,
    reason,
    actorUserId: ctx.actor.userId,
  });
  await writeAudit(tx, ctx, {
    action: `organisation.${change === 'edited' ? 'update' : change === 'created' ? 'create' : change === 'retired' ? 'retire' : 'reinstate'}`,
    entityType: item.type === 'vcs' ? 'vcs_organisation' : item.type,
    entityId: item.id,
    details: { fields: Object.keys(changes) },
  });
}

/**
 * Changes the name, code (ODS code, or charity number), a practice's mailbox or list size; each
 * change is kept. History keeps values as text, so a list size reads "6420" there.
 */
export async function updateOrganisation(
  db: Db,
  ctx: SignedInContext,
  id: string,
  input: TOrganisationUpdate,
): Promise<OrganisationDetail> {
  const { item, email, listSize, postcode, publicPhone, publicEmail } = await findOne(db, ctx, id);
  if (item.retiredAt) throw conflict(`${item.name} has been retired: reinstate it before changing it.`);
  const asText = (n: number | null | undefined) => (n === undefined ? undefined : n === null ? null : String(n));
  const wanted: Record<string, string | null | undefined> = {
    name: input.name,
    code: input.code,
    email: input.email,
    listSize: asText(input.listSize),
    postcode: input.postcode,
    publicPhone: input.publicPhone,
    publicEmail: input.publicEmail,
  };
  const before: Record<string, string | null> = {
    name: item.name,
    code: item.code,
    email,
    listSize: asText(listSize) ?? null,
    postcode,
    publicPhone,
    publicEmail,
  };
  const misplaced = (Object.keys(KEPT_BY) as (keyof typeof KEPT_BY)[]).filter(
    (field) => input[field] !== undefined && item.type !== KEPT_BY[field],
  );
  if (misplaced.length > 0) {
    throw validationError(
      misplaced.map((field) => ({ field, message: `is only kept for ${KEPT_WORDS[KEPT_BY[field]]}` })),
    );
  }
  if (input.code !== undefined) {
    const shape =
      item.type === 'pcn'
        ? { re: /^U[0-9]{5}$/, message: 'must be a PCN ODS code: U followed by 5 digits, like U12345' }
        : item.type === 'practice'
          ? { re: /^[A-Z][0-9]{5}$/, message: 'must be a GP practice ODS code: a letter then 5 digits, like B86001' }
          : { re: /^[0-9]{6,8}(-[0-9]{1,2})?$/, message: 'must be a charity number of 6 to 8 digits, like 1123456' };
    if (input.code !== null && !shape.re.test(input.code)) {
      throw validationError([{ field: 'code', message: shape.message }]);
    }
    if (input.code === null && item.type !== 'vcs') throw validationError([{ field: 'code', message: 'is required' }]);
  }
  const changes: Record<string, { from: string | null; to: string | null }> = {};
  for (const field of FIELD_ORDER) {
    const to = wanted[field];
    if (to !== undefined && to !== before[field]) changes[field] = { from: before[field] ?? null, to };
  }
  if (Object.keys(changes).length === 0) return getOrganisation(db, ctx, id);
  try {
    await runUseCase(db, ctx, async (tx) => {
      const values = {
        ...(changes.name ? { name: changes.name.to as string } : {}),
        ...(changes.code
          ? item.type === 'vcs'
            ? { charityNumber: changes.code.to }
            : { code: changes.code.to as string }
          : {}),
        ...(changes.email ? { email: changes.email.to } : {}),
        ...(changes.listSize ? { listSize: changes.listSize.to === null ? null : Number(changes.listSize.to) } : {}),
        ...(changes.postcode ? { postcode: changes.postcode.to } : {}),
        ...(changes.publicPhone ? { publicPhone: changes.publicPhone.to } : {}),
        ...(changes.publicEmail ? { publicEmail: changes.publicEmail.to } : {}),
      };
      if (item.type === 'pcn') await repo.updatePcn(tx, id, values);
      else if (item.type === 'practice') await repo.updatePractice(tx, id, values);
      else await repo.updateVcs(tx, id, values);
      await record(tx, ctx, item, 'edited', changes);
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      const field = changes.code && !isUniqueViolation(err, 'vcs_organisations_icb_name_key') ? 'code' : 'name';
      throw new AppError('conflict', {
        userMessage: `Another organisation already has that ${field === 'code' ? 'code' : 'name'}.`,
        details: { errors: [{ field, message: `is already used by another organisation` }] },
      });
    }
    throw err;
  }
  // Committed: views on this instance name it anew at once (others within a minute).
  forgetOrganisationRef(id);
  return getOrganisation(db, ctx, id);
}

/**
 * Retires an organisation: never deleted, so its referrals, cases and history stay readable, but
 * it leaves the pickers and takes no new users or referrals. Refused while anything still depends
 * on it, naming what to move first.
 */
export async function retireOrganisation(
  db: Db,
  ctx: SignedInContext,
  id: string,
  reason: string,
): Promise<OrganisationDetail> {
  const { item } = await findOne(db, ctx, id);
  if (item.retiredAt) throw conflict(`${item.name} is already retired.`);
  await runUseCase(db, ctx, async (tx) => {
    const blockers: string[] = [];
    const users = await countActiveUsersOf(tx, placementOf(item));
    if (users > 0) blockers.push(`${users} active ${users === 1 ? 'user' : 'users'} (deactivate or move them)`);
    if (item.type === 'pcn') {
      const practices = await repo.countActivePracticesOfPcn(tx, id);
      if (practices > 0)
        blockers.push(`${practices} GP ${practices === 1 ? 'practice' : 'practices'} in use (retire or move them)`);
      const open = await countOpenReferralsOfPcn(tx, id);
      if (open > 0) blockers.push(`${open} open ${open === 1 ? 'referral' : 'referrals'} (discharge or redirect them)`);
    }
    if (blockers.length > 0) {
      throw new AppError('conflict', {
        userMessage: `${item.name} cannot be retired yet: it still has ${blockers.join(', and ')}.`,
      });
    }
    const values = { retiredAt: new Date() };
    if (item.type === 'pcn') await repo.updatePcn(tx, id, values);
    else if (item.type === 'practice') await repo.updatePractice(tx, id, values);
    else await repo.updateVcs(tx, id, values);
    await record(tx, ctx, item, 'retired', {}, reason);
  });
  return getOrganisation(db, ctx, id);
}

/** Brings a retired organisation back into use (a practice of a retired PCN waits for its PCN). */
export async function reinstateOrganisation(
  db: Db,
  ctx: SignedInContext,
  id: string,
  reason: string,
): Promise<OrganisationDetail> {
  const { item } = await findOne(db, ctx, id);
  if (!item.retiredAt) throw conflict(`${item.name} is in use: there is nothing to reinstate.`);
  if (item.type === 'practice' && item.pcn) {
    const pcn = await repo.findPcnById(db, item.pcn.id);
    if (pcn?.retiredAt) throw conflict(`Reinstate ${pcn.name} first: ${item.name} belongs to it.`);
  }
  await runUseCase(db, ctx, async (tx) => {
    const values = { retiredAt: null };
    if (item.type === 'pcn') await repo.updatePcn(tx, id, values);
    else if (item.type === 'practice') await repo.updatePractice(tx, id, values);
    else await repo.updateVcs(tx, id, values);
    await record(tx, ctx, item, 'reinstated', {}, reason);
  });
  return getOrganisation(db, ctx, id);
}
