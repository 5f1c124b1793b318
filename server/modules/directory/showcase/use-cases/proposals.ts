import type { ListingInput } from '../../../../../common/directory.js';
import { REVIEW_QUEUE_LIMIT } from '../../../../../common/directory-maintenance.js';
import type {
  ListingProposalReview,
  ListingProposalSummary,
  OurProposals,
  PendingProposal,
} from '../../../../../common/showcase.js';
import { writeAudit, writeAuditAlone } from '../../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../../platform/context.js';
import type { Db, DbOrTx } from '../../../../platform/db/client.js';
import { AppError, type FieldError, notFound, validationError } from '../../../../platform/errors.js';
import { runUseCase } from '../../../../platform/use-case.js';
import { assureListing, createListing, diffListings, EMPTY_LISTING } from '../../listings/listings.service.js';
import * as maintenance from '../../maintenance/maintenance.repository.js';
import type { TReasonBody } from '../../maintenance/maintenance.schemas.js';
import {
  authorOf,
  CHILD_KEYS,
  categoryOptions,
  peopleLabels,
  requirePartner,
  requireReviewer,
  withFieldPrefix,
} from '../../maintenance/use-cases/actors.js';
import * as repo from '../showcase.repository.js';
import type { TProposeListingBody } from '../showcase.schemas.js';

// Brand-new listings a VCS partner proposes for its own organisation. They wait in the review
// queue beside proposed edits; approving one creates the listing through the one listing writer.

const WHAT = 'listing proposal';
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function summaryOf(row: repo.ProposalRow): ListingProposalSummary {
  return {
    id: row.id,
    name: String((row.proposed as { name?: unknown }).name ?? ''),
    organization_name: row.organizationName,
    status: row.status,
    submitted_at: row.submittedAt.toISOString(),
    decided_at: iso(row.decidedAt),
    rejection_reason: row.rejectionReason,
    created_service_id: row.createdServiceId,
  };
}

/** The partner's proposals, newest first, and what the proposal form offers. */
export async function listOurProposals(db: DbOrTx, ctx: SignedInContext): Promise<OurProposals> {
  const partner = await requirePartner(db, ctx);
  const [organizations, proposals] = await Promise.all([
    repo.organizationsOfPartner(db, partner.vcsOrganisationId),
    repo.listProposalsOfPartner(db, partner.vcsOrganisationId),
  ]);
  return {
    organizations: organizations.map((o) => ({ id: o.id, name: o.name })),
    category_options: categoryOptions(),
    proposals: proposals.map(summaryOf),
  };
}

/**
 * A partner proposes a new listing for one of its own organisations. Nothing is published: the
 * proposal waits for a reviewer. A new listing names no ids (neither its own nor its entries'),
 * so a proposal cannot reach into another listing's places or phones.
 */
export async function proposeListing(
  db: Db,
  ctx: SignedInContext,
  { proposed }: TProposeListingBody,
): Promise<{ proposal_id: string }> {
  const partner = await requirePartner(db, ctx);
  const organizations = await repo.organizationsOfPartner(db, partner.vcsOrganisationId);
  const organization = organizations.find((o) => o.id === proposed.organization_id);
  const errors: FieldError[] = [];
  if (!organization) {
    errors.push({ field: 'proposed.organization_id', message: 'must be an organisation you run' });
  }
  if (proposed.id)
    errors.push({ field: 'proposed.id', message: 'must be left out: a new listing gets its id when approved' });
  for (const key of CHILD_KEYS) {
    (proposed[key] as { id?: string }[]).forEach((child, i) => {
      if (child.id) errors.push({ field: `proposed.${key}.${i}.id`, message: 'must be left out for a new listing' });
    });
  }
  const known = await maintenance.knownTermIds(db, proposed.taxonomy_term_ids);
  proposed.taxonomy_term_ids.forEach((id, i) => {
    if (!known.has(id)) errors.push({ field: `proposed.taxonomy_term_ids.${i}`, message: 'must be a known category' });
  });
  if (errors.length || !organization) throw validationError(errors);

  return runUseCase(db, ctx, async (tx) => {
    const { id } = await repo.insertProposal(tx, {
      icbId: organization.icbId,
      organizationId: organization.id,
      proposed: proposed as unknown as Record<string, unknown>,
      submittedByUserId: partner.userId,
    });
    await writeAudit(tx, ctx, {
      action: 'directory.proposal.submit',
      entityType: 'directory_listing_proposal',
      entityId: id,
      details: { organizationId: organization.id },
    });
    return { proposal_id: id };
  });
}

/** Pending proposals of the ICB, oldest first (the review queue). */
export async function pendingProposalsOf(
  db: DbOrTx,
  icbId: string,
): Promise<{ count: number; proposals: PendingProposal[] }> {
  const [rows, count] = await Promise.all([
    repo.listPendingProposals(db, icbId, REVIEW_QUEUE_LIMIT),
    repo.countPendingProposals(db, icbId),
  ]);
  const who = await peopleLabels(
    db,
    rows.map((r) => r.submittedByUserId),
  );
  return {
    count,
    proposals: rows.map((r) => ({
      id: r.id,
      name: summaryOf(r).name,
      organization_name: r.organizationName,
      submitted_at: r.submittedAt.toISOString(),
      submitted_by: who.get(r.submittedByUserId) ?? 'A former partner user',
    })),
  };
}

async function proposalInIcb(db: DbOrTx, ctx: SignedInContext, proposalId: string) {
  const reviewer = await requireReviewer(db, ctx);
  const row = await repo.findProposal(db, proposalId, reviewer.icbId);
  if (!row) {
    await writeAuditAlone(db, ctx, {
      action: 'directory.proposal.read',
      outcome: 'denied',
      entityType: 'directory_listing_proposal',
      entityId: proposalId,
      details: { reason: 'no such proposal in the ICB' },
    });
    throw notFound(WHAT);
  }
  return { reviewer, row };
}

const alreadyDecided = (status: string) =>
  new AppError('conflict', {
    userMessage: `This proposal has already been ${status}. Reload the page to see what happened.`,
    details: { status },
  });

export async function getProposal(
  db: DbOrTx,
  ctx: SignedInContext,
  proposalId: string,
): Promise<ListingProposalReview> {
  const { row } = await proposalInIcb(db, ctx, proposalId);
  const who = await peopleLabels(db, [row.submittedByUserId, ...(row.decidedByUserId ? [row.decidedByUserId] : [])]);
  const [created] = await repo.servicesByIds(db, row.createdServiceId ? [row.createdServiceId] : []);
  return {
    ...summaryOf(row),
    submitted_by: who.get(row.submittedByUserId) ?? 'A former partner user',
    decided_by: row.decidedByUserId ? (who.get(row.decidedByUserId) ?? 'A former colleague') : null,
    proposed: row.proposed as unknown as ListingInput,
    // Field by field, as the moderation of an edit shows it (against an empty listing); the
    // organisation is named above the table, not by its id.
    changes: diffListings(
      { ...EMPTY_LISTING, id: row.id },
      { ...(row.proposed as unknown as ListingInput), id: row.id },
    ).filter((c) => c.field !== 'organization_id'),
    created_service: created ?? null,
    category_options: categoryOptions(),
  };
}

/**
 * Publishes a proposed listing: the listing writer creates it (validating the whole document
 * again, as for any listing) and the proposal records the service it became. Decided once only.
 */
export async function approveProposal(
  db: Db,
  ctx: SignedInContext,
  proposalId: string,
): Promise<ListingProposalReview> {
  const { reviewer, row } = await proposalInIcb(db, ctx, proposalId);
  if (row.status !== 'pending') throw alreadyDecided(row.status);
  const partner = await authorOf(db, row.submittedByUserId);
  await withFieldPrefix('proposed', () =>
    runUseCase(db, ctx, async (tx) => {
      const listing = await createListing(
        tx,
        row.icbId,
        { ...(row.proposed as unknown as ListingInput), organization_id: row.organizationId },
        { userId: reviewer.userId, label: `${partner.label} (approved by ${reviewer.author.label})` },
      );
      // The reviewer has just checked it: the new listing starts verified, as an approved edit does.
      await assureListing(tx, listing.id, reviewer.author);
      const decided = await repo.decideProposal(tx, proposalId, {
        status: 'approved',
        userId: reviewer.userId,
        createdServiceId: listing.id,
      });
      if (!decided) throw alreadyDecided('decided');
      await writeAudit(tx, ctx, {
        action: 'directory.proposal.approve',
        entityType: 'directory_listing_proposal',
        entityId: proposalId,
        details: { serviceId: listing.id },
      });
    }),
  );
  return getProposal(db, ctx, proposalId);
}

export async function rejectProposal(
  db: Db,
  ctx: SignedInContext,
  proposalId: string,
  { reason }: TReasonBody,
): Promise<ListingProposalReview> {
  const { reviewer, row } = await proposalInIcb(db, ctx, proposalId);
  if (row.status !== 'pending') throw alreadyDecided(row.status);
  await runUseCase(db, ctx, async (tx) => {
    if (!(await repo.decideProposal(tx, proposalId, { status: 'rejected', userId: reviewer.userId, reason }))) {
      throw alreadyDecided('decided');
    }
    await writeAudit(tx, ctx, {
      action: 'directory.proposal.reject',
      entityType: 'directory_listing_proposal',
      entityId: proposalId,
      details: { organizationId: row.organizationId },
    });
  });
  return getProposal(db, ctx, proposalId);
}
