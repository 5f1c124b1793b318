import { and, eq } from 'drizzle-orm';
import { beforeAll, expect } from 'vitest';
import type { ReviewQueue } from '../../../../common/directory-maintenance.js';
import { auditEvents } from '../../../platform/audit/audit.tables.js';
import {
  createTestApp,
  createTestTenancy,
  createTestUser,
  type Session,
  signIn,
  type TestContext,
  type TestTenancy,
} from '../../../test/toolkit.js';
import { directoryChangeRequests, directoryReports, directoryServices } from '../directory.tables.js';
import { createTestOrganization } from '../listings/test-listings.js';

// What the maintenance tests share: an app with one ICB, a care coordinator (who reviews), a VCS
// partner and their organisation, request helpers and ways to set a listing's state. Call
// setUpMaintenanceTests() once at the top of a test file; the bindings fill in before its tests run.

export let ctx: TestContext;
export let tenancy: TestTenancy;
export let cc: Session;
export let partner: Session;
export let partnerOrgId: string;

export function setUpMaintenanceTests(): void {
  beforeAll(async () => {
    ctx = await createTestApp();
    tenancy = await createTestTenancy(ctx.db);
    cc = await signIn(ctx, await createTestUser(ctx.db, tenancy, 'care_coordinator'));
    partner = await signIn(ctx, await createTestUser(ctx.db, tenancy, 'vcs_partner'));
    partnerOrgId = (
      await createTestOrganization(ctx.db, tenancy.icbId, { vcsOrganisationId: tenancy.vcsOrganisationId })
    ).id;
  });
}

export const get = (s: Session, url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
export const send = (s: Session, method: 'POST' | 'PUT', url: string, payload: unknown = {}) =>
  ctx.app.inject({ method, url, headers: s.headers, payload: payload as object });

export const serviceRow = async (id: string) =>
  (await ctx.db.select().from(directoryServices).where(eq(directoryServices.id, id)))[0];
export const reportsOf = (id: string) =>
  ctx.db.select().from(directoryReports).where(eq(directoryReports.serviceId, id));
export const changesOf = (id: string) =>
  ctx.db.select().from(directoryChangeRequests).where(eq(directoryChangeRequests.serviceId, id));
export const auditOf = (action: string, entityId: string) =>
  ctx.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, entityId)));

export function monthsAgo(months: number): string {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}

export async function setAssured(id: string, date: string | null) {
  await ctx.db.update(directoryServices).set({ assuredDate: date }).where(eq(directoryServices.id, id));
}

export async function report(serviceId: string, message = 'The phone number no longer works.') {
  const [row] = await ctx.db
    .insert(directoryReports)
    .values({ serviceId, icbId: tenancy.icbId, message })
    .returning({ id: directoryReports.id });
  return (row as { id: string }).id;
}

export async function queue(s: Session = cc): Promise<ReviewQueue> {
  const res = await get(s, '/api/directory/review-queue');
  expect(res.statusCode).toBe(200);
  return res.json();
}

export const dueIds = (q: ReviewQueue) => q.due.map((d) => d.service.id);
