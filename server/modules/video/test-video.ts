import { and, desc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { requestsAs } from '../../test/requests.js';
import type { Session, TestContext, TestTenancy } from '../../test/toolkit.js';
import { residentMessages } from '../notifications/resident-messages.tables.js';
import { createTestReferral, triaged } from '../triage/test-referrals.js';
import { videoAppointments } from './video.tables.js';

// Test helpers of the video module: a case whose person chose texts, a video contact booked on
// it through the API, and the link the person was texted (read from the queued message, as the
// person would read it on their phone).

export const TEST_MOBILE = '07700900123';

export const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

export async function createVideoCase(ctx: TestContext, tenancy: TestTenancy, worker: { id: string }) {
  return createTestReferral(ctx.db, tenancy, {
    ...triaged({ status: 'allocated', allocatedWorkerId: worker.id, allocatedAt: new Date(Date.now() - 86_400_000) }),
    person: { preferredContact: 'text', phone: TEST_MOBILE },
  });
}

/** The token of the latest video link texted about this case, from the link in the message. */
export async function textedToken(ctx: TestContext, referralId: string): Promise<string> {
  const [message] = await ctx.db
    .select()
    .from(residentMessages)
    .where(and(eq(residentMessages.referralId, referralId), eq(residentMessages.kind, 'video_link')))
    .orderBy(desc(residentMessages.createdAt))
    .limit(1);
  const link = (message?.personalisation as Record<string, string> | undefined)?.link ?? '';
  const token = /#token=([A-Za-z0-9_-]+)$/.exec(link)?.[1];
  if (!token) throw new Error(`no video link texted for ${referralId}`);
  return token;
}

/** Books a video contact `minutes` from now through the API; its planned contact, appointment and token. */
export async function bookVideo(ctx: TestContext, worker: Session, referralId: string, minutes = 5) {
  const { post } = requestsAs(ctx);
  const res = await post(worker, `/api/referrals/${referralId}/planned-contacts`, {
    at: inMinutes(minutes),
    mode: 'video',
  });
  expect(res.statusCode).toBe(201);
  const plannedId = res.json().id as string;
  const [appointment] = await ctx.db
    .select()
    .from(videoAppointments)
    .where(eq(videoAppointments.plannedContactId, plannedId));
  if (!appointment) throw new Error('no video appointment was booked');
  return { plannedId, appointment, token: await textedToken(ctx, referralId) };
}

export const appointmentRow = async (ctx: TestContext, id: string) =>
  (await ctx.db.select().from(videoAppointments).where(eq(videoAppointments.id, id)))[0] as
    | typeof videoAppointments.$inferSelect
    | undefined;
