import type { ListingInput } from '../../../../../common/directory.js';
import type {
  PartnerListingSummary,
  PartnerListingView,
  ProposeChangeResult,
} from '../../../../../common/directory-maintenance.js';
import { writeAudit } from '../../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../../platform/context.js';
import type { Db } from '../../../../platform/db/client.js';
import { AppError, type FieldError, notFound, validationError } from '../../../../platform/errors.js';
import { runUseCase } from '../../../../platform/use-case.js';
import { diffListings, loadListing, toListingInput } from '../../listings/listings.service.js';
import * as repo from '../maintenance.repository.js';
import type { TProposeChangeBody } from '../maintenance.schemas.js';
import {
  categoryOptions,
  confidentialityErrors,
  foreignChildIds,
  requirePartner,
  serviceForPartner,
  WHAT,
} from './actors.js';

const iso = (d: Date | string | null) => (d instanceof Date ? d.toISOString() : d);

/** The listings of the partner's own organisation, with whether a change waits for review. */
export async function listOurListings(db: Db, ctx: SignedInContext): Promise<PartnerListingSummary[]> {
  const partner = await requirePartner(db, ctx);
  const services = await repo.listPartnerServices(db, partner.vcsOrganisationId);
  const changes = await repo.listChangesOfServices(
    db,
    services.map((s) => s.id),
  );
  return services.map((s) => {
    const mine = changes.filter((c) => c.serviceId === s.id);
    const decided = mine.find((c) => c.status === 'approved' || c.status === 'rejected');
    return {
      id: s.id,
      name: s.name,
      status: s.status,
      referral_capacity: s.referralCapacity,
      assured_date: s.assuredDate,
      last_modified: iso(s.lastModified) as string,
      pending_change: mine.some((c) => c.status === 'pending'),
      last_decision: decided
        ? {
            status: decided.status as 'approved' | 'rejected',
            decided_at: iso(decided.decidedAt) ?? '',
            rejection_reason: decided.rejectionReason,
          }
        : null,
    };
  });
}

export async function getOurListing(db: Db, ctx: SignedInContext, serviceId: string): Promise<PartnerListingView> {
  const partner = await requirePartner(db, ctx);
  await serviceForPartner(db, ctx, partner, serviceId);
  const listing = await loadListing(db, serviceId);
  if (!listing) throw notFound(WHAT);
  const pending = (await repo.listChangesOfServices(db, [serviceId])).find((c) => c.status === 'pending');
  return {
    listing,
    pending_change: pending
      ? {
          id: pending.id,
          submitted_at: iso(pending.submittedAt) as string,
          proposed: pending.proposed as unknown as ListingInput,
        }
      : null,
    category_options: categoryOptions(listing),
  };
}

/**
 * A partner proposes a new version of one of their listings. The live listing does not change:
 * the proposal waits for a reviewer. One pending proposal per service: a newer one withdraws
 * the older (the partner's latest word is what gets reviewed).
 */
export async function proposeChange(
  db: Db,
  ctx: SignedInContext,
  serviceId: string,
  body: TProposeChangeBody,
): Promise<ProposeChangeResult> {
  const partner = await requirePartner(db, ctx);
  const owner = await serviceForPartner(db, ctx, partner, serviceId);
  const current = await loadListing(db, serviceId);
  if (!current) throw notFound(WHAT);

  const errors: FieldError[] = [];
  if (body.proposed.organization_id !== owner.organizationId) {
    errors.push({ field: 'proposed.organization_id', message: 'must stay the organisation that runs the service' });
  }
  const known = await repo.knownTermIds(db, body.proposed.taxonomy_term_ids);
  body.proposed.taxonomy_term_ids.forEach((id, i) => {
    if (!known.has(id)) errors.push({ field: `proposed.taxonomy_term_ids.${i}`, message: 'must be a known category' });
  });
  errors.push(...foreignChildIds(current, body.proposed, 'proposed'));
  errors.push(...confidentialityErrors(current, body.proposed, 'proposed', { reviewer: false }));
  if (errors.length) throw validationError(errors);
  if (diffListings(toListingInput(current), { ...body.proposed, id: serviceId }).length === 0) {
    throw validationError([{ field: 'proposed', message: 'changes nothing: it is the same as the listing now' }]);
  }

  return runUseCase(db, ctx, async (tx) => {
    await repo.lockService(tx, serviceId);
    const locked = await repo.findServiceOwner(tx, serviceId);
    if (!locked) throw notFound(WHAT);
    if (locked.version !== body.base_version) {
      throw new AppError('conflict', {
        userMessage:
          'This listing has been updated since you opened it. Reload it to see the latest version, then make your change again.',
        details: { currentVersion: locked.version },
      });
    }
    const replaced = await repo.withdrawPendingChanges(tx, serviceId);
    const { id } = await repo.insertChange(tx, {
      serviceId,
      icbId: locked.icbId,
      baseVersion: body.base_version,
      proposed: { ...body.proposed, id: serviceId } as unknown as Record<string, unknown>,
      submittedByUserId: partner.userId,
    });
    await writeAudit(tx, ctx, {
      action: 'directory.change.propose',
      entityType: 'directory_change_request',
      entityId: id,
      details: { serviceId, baseVersion: body.base_version, replaced },
    });
    return { change_id: id, replaced };
  });
}
