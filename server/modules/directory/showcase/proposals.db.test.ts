import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ListingProposalReview, OurProposals } from '../../../../common/showcase.js';
import { createTestTenancy, createTestUser, type Session, signIn } from '../../../test/toolkit.js';
import { directoryServices } from '../directory.tables.js';
import { directoryListingProposals } from '../directory-partner.tables.js';
import { ensureSocialPrescribingTaxonomy, loadListing } from '../listings/listings.service.js';
import { createTestOrganization, testListingInput } from '../listings/test-listings.js';
import {
  auditOf,
  cc,
  ctx,
  get,
  partner,
  partnerOrgId,
  queue,
  send,
  setUpMaintenanceTests,
  tenancy,
} from '../maintenance/test-maintenance.js';

// Brand-new listings proposed by partners (issue 12, point 7): they wait in the review queue
// beside proposed edits, and a reviewer approves (the listing is created) or rejects them.
setUpMaintenanceTests();

let linkWorker: Session;
let otherIcbCc: Session;

beforeAll(async () => {
  await ensureSocialPrescribingTaxonomy(ctx.db);
  linkWorker = await signIn(ctx, await createTestUser(ctx.db, tenancy, 'link_worker'));
  otherIcbCc = await signIn(ctx, await createTestUser(ctx.db, await createTestTenancy(ctx.db), 'care_coordinator'));
});

const proposalRow = async (id: string) =>
  (await ctx.db.select().from(directoryListingProposals).where(eq(directoryListingProposals.id, id)))[0];
const servicesNamed = (name: string) => ctx.db.select().from(directoryServices).where(eq(directoryServices.name, name));

async function propose(name: string): Promise<string> {
  const res = await send(partner, 'POST', '/api/directory/our-proposals', {
    proposed: testListingInput(partnerOrgId, { name }),
  });
  expect(res.statusCode).toBe(201);
  return res.json().proposal_id;
}

describe('proposing a brand-new listing', () => {
  it('a partner proposes a listing for its organisation: pending, audited, in the review queue, not published', async () => {
    const ours = (await get(partner, '/api/directory/our-proposals')).json() as OurProposals;
    expect(ours.organizations.map((o) => o.id)).toContain(partnerOrgId);
    expect(ours.category_options.length).toBeGreaterThan(5);

    const id = await propose('Proposed Allotment Friends');
    expect((await auditOf('directory.proposal.submit', id))[0]?.outcome).toBe('success');
    expect(await servicesNamed('Proposed Allotment Friends')).toHaveLength(0);
    const q = await queue();
    expect(q.proposals.map((p) => p.id)).toContain(id);
    expect(q.counts.proposals).toBeGreaterThanOrEqual(1);
    const mine = (await get(partner, '/api/directory/our-proposals')).json() as OurProposals;
    expect(mine.proposals.find((p) => p.id === id)).toMatchObject({
      name: 'Proposed Allotment Friends',
      status: 'pending',
    });
  });

  it('bad proposals are 400 naming the field, and nothing is stored', async () => {
    const before = (await ctx.db.select().from(directoryListingProposals)).length;
    const other = await createTestOrganization(ctx.db, tenancy.icbId);
    const cases: [unknown, string][] = [
      [testListingInput(partnerOrgId, { name: '' }), 'proposed.name'],
      [testListingInput(other.id), 'proposed.organization_id'],
      [{ ...testListingInput(partnerOrgId), id: crypto.randomUUID() }, 'proposed.id'],
      [
        testListingInput(partnerOrgId, { phones: [{ id: crypto.randomUUID(), number: '0191 496 0002' }] }),
        'proposed.phones.0.id',
      ],
      [testListingInput(partnerOrgId, { taxonomy_term_ids: [crypto.randomUUID()] }), 'proposed.taxonomy_term_ids.0'],
    ];
    for (const [proposed, field] of cases) {
      const res = await send(partner, 'POST', '/api/directory/our-proposals', { proposed });
      expect(res.statusCode, field).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await ctx.db.select().from(directoryListingProposals)).toHaveLength(before);
  });

  it('only partners propose (a link worker gets 403)', async () => {
    const res = await send(linkWorker, 'POST', '/api/directory/our-proposals', {
      proposed: testListingInput(partnerOrgId, { name: 'Worker Proposed' }),
    });
    expect(res.statusCode).toBe(403);
    expect((await get(linkWorker, '/api/directory/our-proposals')).statusCode).toBe(403);
  });
});

describe('deciding a proposal', () => {
  it('approving creates the listing through the writer, records it, audits, and cannot happen twice', async () => {
    const id = await propose('Approved Repair Cafe');
    const view = (await get(cc, `/api/directory/proposals/${id}`)).json() as ListingProposalReview;
    expect(view).toMatchObject({ status: 'pending', name: 'Approved Repair Cafe', created_service: null });
    const fields = view.changes.map((c) => c.field);
    expect(fields).toContain('name');
    expect(fields).not.toContain('organization_id');

    const res = await send(cc, 'POST', `/api/directory/proposals/${id}/approve`);
    expect(res.statusCode).toBe(200);
    const decided = res.json() as ListingProposalReview;
    expect(decided.status).toBe('approved');
    const row = await proposalRow(id);
    expect(row?.createdServiceId).toBeTruthy();
    const listing = await loadListing(ctx.db, row?.createdServiceId as string);
    expect(listing).toMatchObject({ name: 'Approved Repair Cafe', organization_id: partnerOrgId });
    expect(listing?.assured_date).not.toBeNull();
    expect(decided.created_service?.id).toBe(listing?.id);
    expect((await auditOf('directory.proposal.approve', id))[0]?.details).toMatchObject({ serviceId: listing?.id });

    const again = await send(cc, 'POST', `/api/directory/proposals/${id}/approve`);
    expect(again.statusCode).toBe(409);
    const reject = await send(cc, 'POST', `/api/directory/proposals/${id}/reject`, { reason: 'Too late' });
    expect(reject.statusCode).toBe(409);
    expect(await servicesNamed('Approved Repair Cafe')).toHaveLength(1);
    expect((await queue()).proposals.map((p) => p.id)).not.toContain(id);
    const mine = (await get(partner, '/api/directory/our-proposals')).json() as OurProposals;
    expect(mine.proposals.find((p) => p.id === id)).toMatchObject({
      status: 'approved',
      created_service_id: listing?.id,
    });
  });

  it('rejecting needs a reason, which the partner sees; nothing is published', async () => {
    const id = await propose('Rejected Karaoke Night');
    const empty = await send(cc, 'POST', `/api/directory/proposals/${id}/reject`, { reason: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('reason');
    expect((await proposalRow(id))?.status).toBe('pending');

    const res = await send(cc, 'POST', `/api/directory/proposals/${id}/reject`, {
      reason: 'Already listed as Karaoke Club.',
    });
    expect(res.statusCode).toBe(200);
    expect(await auditOf('directory.proposal.reject', id)).toHaveLength(1);
    const mine = (await get(partner, '/api/directory/our-proposals')).json() as OurProposals;
    expect(mine.proposals.find((p) => p.id === id)).toMatchObject({
      status: 'rejected',
      rejection_reason: 'Already listed as Karaoke Club.',
      created_service_id: null,
    });
    expect(await servicesNamed('Rejected Karaoke Night')).toHaveLength(0);
  });

  it('a reviewer of another ICB gets 404 (audited) and cannot decide; a link worker 403', async () => {
    const id = await propose('Other ICB Cannot See');
    expect((await get(otherIcbCc, `/api/directory/proposals/${id}`)).statusCode).toBe(404);
    expect((await send(otherIcbCc, 'POST', `/api/directory/proposals/${id}/approve`)).statusCode).toBe(404);
    expect((await auditOf('directory.proposal.read', id))[0]?.outcome).toBe('denied');
    expect((await queue(otherIcbCc)).proposals.map((p) => p.id)).not.toContain(id);
    expect((await send(linkWorker, 'POST', `/api/directory/proposals/${id}/approve`)).statusCode).toBe(403);
    expect((await proposalRow(id))?.status).toBe('pending');
    expect(await servicesNamed('Other ICB Cannot See')).toHaveLength(0);
  });
});
