import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NotificationList } from '../../../common/notification-types.js';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { setUpTestApp } from '../../test/team.js';
import type { Session } from '../../test/toolkit.js';
import { notifyUser } from './notifications.service.js';

const { ctx, worker, colleague } = setUpTestApp({ team: { worker: 'link_worker', colleague: 'health_coach' } });

const notify = (userId: string, title: string) =>
  ctx.db.transaction((tx) => notifyUser(tx, { userId, kind: 'referral.allocated', title, link: '/caseload' }));

const list = async (session: Session, query = ''): Promise<NotificationList> => {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/notifications${query}`, headers: session.headers });
  expect(res.statusCode).toBe(200);
  return res.json();
};

const markRead = (session: Session, id: string) =>
  ctx.app.inject({ method: 'POST', url: `/api/notifications/${id}/read`, headers: session.headers });

beforeAll(async () => {
  await notify(worker.me.user.id, 'First');
  await notify(colleague.me.user.id, "A colleague's");
  await notify(worker.me.user.id, 'Second');
  await notify(worker.me.user.id, 'Third');
});

describe('notifications API', () => {
  it('answers 401 without a session', async () => {
    for (const [method, url] of [
      ['GET', '/api/notifications'],
      ['GET', '/api/notifications/unread-count'],
      ['POST', `/api/notifications/${randomUUID()}/read`],
      ['POST', '/api/notifications/read-all'],
    ] as const) {
      const res = await ctx.app.inject({ method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it("lists the user's own notifications, newest first, with the unread count", async () => {
    const mine = await list(worker);
    expect(mine.items.map((n) => n.title)).toEqual(['Third', 'Second', 'First']);
    expect(mine.unreadCount).toBe(3);
    expect(mine.items[0]).toMatchObject({ kind: 'referral.allocated', link: '/caseload', readAt: null });
    expect(new Date(mine.items[0]?.createdAt ?? '').getTime()).toBeGreaterThan(0);

    const theirs = await list(colleague);
    expect(theirs.items.map((n) => n.title)).toEqual(["A colleague's"]);

    const limited = await list(worker, '?limit=1');
    expect(limited.items.map((n) => n.title)).toEqual(['Third']);
    expect(limited.unreadCount).toBe(3);
  });

  it('an app built without a realtime hub answers the event stream with 204 (nothing to stream)', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/events', headers: worker.headers });
    expect(res.statusCode).toBe(204);
  });

  it('refuses a bad limit with the field and the reason', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/notifications?limit=500', headers: worker.headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'limit', message: 'must be at most 100' }]);
  });

  it('marks one of their own notifications read, once', async () => {
    const before = await list(colleague);
    const target = before.items[0];
    if (!target) throw new Error('no notification');
    const res = await markRead(colleague, target.id);
    expect(res.statusCode).toBe(200);
    const readAt = res.json().readAt;
    expect(readAt).toEqual(expect.any(String));

    const after = await list(colleague);
    expect(after.unreadCount).toBe(0);
    expect(after.items[0]?.readAt).toBe(readAt);
    const count = await ctx.app.inject({
      method: 'GET',
      url: '/api/notifications/unread-count',
      headers: colleague.headers,
    });
    expect(count.json()).toEqual({ unreadCount: 0 });

    // Marking it again keeps the time it was first read.
    expect((await markRead(colleague, target.id)).json().readAt).toBe(readAt);
  });

  it("another user's notification is not found (404) and stays unread", async () => {
    const theirs = (await list(worker)).items[0];
    if (!theirs) throw new Error('no notification');
    const res = await markRead(colleague, theirs.id);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
    expect((await list(worker)).items[0]?.readAt).toBeNull();

    expect((await markRead(colleague, randomUUID())).statusCode).toBe(404);
  });

  it('refuses a malformed id (400) and a write without the CSRF token (403)', async () => {
    const bad = await markRead(worker, 'not-an-id');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'id', message: 'must be the id of a notification' }]);

    const target = (await list(worker)).items[0];
    if (!target) throw new Error('no notification');
    const noCsrf = await ctx.app.inject({
      method: 'POST',
      url: `/api/notifications/${target.id}/read`,
      headers: { cookie: worker.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect((await list(worker)).items[0]?.readAt).toBeNull();
  });

  it('marks all of their own read, and nobody else’s', async () => {
    await notify(colleague.me.user.id, 'Unread for the colleague');
    const res = await ctx.app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: worker.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ marked: 3 });
    expect((await list(worker)).unreadCount).toBe(0);
    expect((await list(colleague)).unreadCount).toBe(1);
    const audited = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'notification.read_all'), eq(auditEvents.actorUserId, worker.me.user.id)));
    expect(audited).toEqual([expect.objectContaining({ outcome: 'success', details: { marked: 3 } })]);
  });
});
