import { type Listing, type ListingInput, SOCIAL_PRESCRIBING_CATEGORIES } from '../../../../../common/directory.js';
import type { CategoryOption, ReviewServiceRef } from '../../../../../common/directory-maintenance.js';
import { writeAuditAlone } from '../../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../../platform/context.js';
import type { DbOrTx } from '../../../../platform/db/client.js';
import { AppError, type FieldError, notFound, validationError } from '../../../../platform/errors.js';
import { staffByIds } from '../../../users/users.service.js';
import { type ChangeAuthor, categoryTermId } from '../../listings/listings.service.js';
import * as repo from '../maintenance.repository.js';

export const WHAT = 'listing';

export interface Reviewer {
  userId: string;
  icbId: string;
  author: ChangeAuthor;
}

export interface Partner {
  userId: string;
  vcsOrganisationId: string;
  author: ChangeAuthor;
}

/**
 * Who made a change: the history names them by name (what colleagues read); the email is kept
 * for ORUK's assurer_email, which staff pages do not show.
 */
export async function authorOf(db: DbOrTx, userId: string): Promise<ChangeAuthor> {
  const [user] = await staffByIds(db, [userId]);
  return { userId, label: user?.name ?? 'A former colleague', email: user?.email };
}

/**
 * A care coordinator or admin: they review the listings of their own ICB (every staff scope
 * carries the ICB). The route has already checked directory.review.
 */
export async function requireReviewer(db: DbOrTx, ctx: SignedInContext): Promise<Reviewer> {
  const { actor } = ctx;
  return { userId: actor.userId, icbId: actor.scope.icbId, author: await authorOf(db, actor.userId) };
}

/** A VCS partner user: they see and propose only for their own organisation's listings. */
export async function requirePartner(db: DbOrTx, ctx: SignedInContext): Promise<Partner> {
  const { actor } = ctx;
  if (actor.scope.kind !== 'vcs') {
    throw new AppError('forbidden', { userMessage: 'Only staff of a community organisation can propose changes.' });
  }
  return {
    userId: actor.userId,
    vcsOrganisationId: actor.scope.vcsOrganisationId,
    author: await authorOf(db, actor.userId),
  };
}

/**
 * The service when it is in the reviewer's ICB. Any other answers 404 alike (audited), so the
 * answer never confirms that a listing of another ICB exists.
 */
export async function serviceForReviewer(db: DbOrTx, ctx: SignedInContext, reviewer: Reviewer, serviceId: string) {
  const owner = await repo.findServiceOwner(db, serviceId);
  if (!owner || owner.icbId !== reviewer.icbId) {
    await writeAuditAlone(db, ctx, {
      action: 'directory.review',
      outcome: 'denied',
      entityType: 'directory_service',
      entityId: serviceId,
      details: { reason: owner ? 'another ICB' : 'no such service' },
    });
    throw notFound(WHAT);
  }
  return owner;
}

/** The service when it belongs to the partner's organisation; otherwise 404 (never 403), audited. */
export async function serviceForPartner(db: DbOrTx, ctx: SignedInContext, partner: Partner, serviceId: string) {
  const owner = await repo.findServiceOwner(db, serviceId);
  if (!owner || owner.vcsOrganisationId !== partner.vcsOrganisationId) {
    await writeAuditAlone(db, ctx, {
      action: 'directory.propose',
      outcome: 'denied',
      entityType: 'directory_service',
      entityId: serviceId,
      details: { reason: owner ? 'another organisation' : 'no such service' },
    });
    throw notFound(WHAT);
  }
  return owner;
}

export function refOf(row: repo.ServiceRefRow): ReviewServiceRef {
  return {
    id: row.id,
    name: row.name,
    organization_name: row.organizationName,
    status: row.status as ReviewServiceRef['status'],
  };
}

/** The name of each user id (names where people read who did something, never emails). */
export async function peopleLabels(db: DbOrTx, ids: Iterable<string>): Promise<Map<string, string>> {
  const rows = await staffByIds(db, ids);
  return new Map(rows.map((u) => [u.id, u.name]));
}

/** The checkboxes of the edit form: the ICB taxonomy, plus any other term the listing (if any) already has. */
export function categoryOptions(listing?: Listing): CategoryOption[] {
  const options: CategoryOption[] = SOCIAL_PRESCRIBING_CATEGORIES.map((c) => ({
    id: categoryTermId(c.code),
    name: c.name,
  }));
  const known = new Set(options.map((o) => o.id));
  for (const c of listing?.categories ?? []) if (!known.has(c.id)) options.push({ id: c.id, name: c.name });
  return options;
}

/** The child lists of a listing document whose entries carry ids. */
export const CHILD_KEYS = [
  'locations',
  'phones',
  'contacts',
  'languages',
  'cost_options',
  'service_areas',
  'schedules',
] as const satisfies readonly (keyof ListingInput)[];

/**
 * Children of an edited listing keep their ids only when they are this listing's own: an id of
 * another service's location (or phone…) would let an edit reach into a listing the editor may
 * not change. New children come without an id.
 */
export function foreignChildIds(current: Listing, edited: ListingInput, prefix: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of CHILD_KEYS) {
    const own = new Set((current[key] as { id?: string }[]).map((c) => c.id));
    (edited[key] as { id?: string }[]).forEach((child, i) => {
      if (child.id && !own.has(child.id)) {
        errors.push({
          field: `${prefix}.${key}.${i}.id`,
          message: 'must be the id of one of this listing’s own entries (leave it out for a new one)',
        });
      }
    });
  }
  return errors;
}

/** Re-names the listing writer's field errors ("name") as fields of the request body ("listing.name"). */
export async function withFieldPrefix<T>(prefix: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation' && error.details.errors) {
      throw validationError(error.details.errors.map((e) => ({ field: `${prefix}.${e.field}`, message: e.message })));
    }
    throw error;
  }
}

/**
 * A confidential place (a refuge) stays confidential unless a reviewer lifts it explicitly: an
 * edit that marks one public must name it in `lift` (reviewers), and a partner cannot do it at
 * all. Each lifted id must be a confidential place of this listing that the edit marks public.
 * (The writer keeps such places confidential anyway; this tells the person why.)
 */
export function confidentialityErrors(
  current: Listing,
  edited: ListingInput,
  prefix: string,
  who: { reviewer: true; lift: string[] } | { reviewer: false },
): FieldError[] {
  const errors: FieldError[] = [];
  const confidential = new Set(current.locations.filter((l) => l.confidential).map((l) => l.id));
  const lift = new Set(who.reviewer ? who.lift : []);
  edited.locations.forEach((l, i) => {
    if (!l.id || !confidential.has(l.id) || l.confidential || lift.has(l.id)) return;
    errors.push({
      field: `${prefix}.locations.${i}.confidential`,
      message: who.reviewer
        ? 'stays confidential unless you lift it explicitly: tick “Make this address public” for this place'
        : 'stays confidential: only the social prescribing team can make this address public',
    });
  });
  if (who.reviewer) {
    const madePublic = new Set(edited.locations.flatMap((l) => (l.id && !l.confidential ? [l.id] : [])));
    who.lift.forEach((id, i) => {
      if (!confidential.has(id) || !madePublic.has(id)) {
        errors.push({
          field: `lift_confidentiality_of.${i}`,
          message: 'must be a confidential place of this listing that your edit makes public',
        });
      }
    });
  }
  return errors;
}
