import type { AddressInfo } from 'node:net';
import { eq, gt, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { VideoServerMessage } from '../../../common/video.js';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import type { RealtimeEvent } from '../../platform/realtime.js';
import { requestsAs } from '../../test/requests.js';
import { setUpTestApp } from '../../test/team.js';
import { createTestApp, type Session, signIn, type TestContext, waitUntil } from '../../test/toolkit.js';
import { sessionIdOf } from '../auth/auth.service.js';
import { sessions } from '../auth/auth.tables.js';
import { people } from '../people/people.tables.js';
import { appointmentRow, bookVideo, createVideoCase } from './test-video.js';
import { PERSON_STALE_AFTER_MS } from './video.repository.js';
import { videoAppointments } from './video.tables.js';

// A video call's signalling through the real WebSockets of two app instances over one database:
// the person on one, the worker on the other, every message between them relayed through
// PostgreSQL's NOTIFY. Waiting, admitting, offer/answer/candidates, ending; a second device, a
// colleague who may not admit, a peer not in the call, bad messages and a dead link.

const ICE_SERVERS = [{ urls: 'stun:stun.example.org:3478' }];
const { ctx, tenancy, tom, hannah, stranger } = setUpTestApp({
  config: { ICE_SERVERS: JSON.stringify(ICE_SERVERS) },
  app: { realtime: true },
  tenancies: { other: 'same-icb' },
  team: { tom: 'link_worker', hannah: 'health_coach', stranger: { role: 'team_lead', at: 'other' } },
});
const { get } = requestsAs(ctx);
let two: TestContext;
const heard: RealtimeEvent[] = [];
beforeAll(async () => {
  two = await createTestApp({ ICE_SERVERS: JSON.stringify(ICE_SERVERS) }, { realtime: true, sameDatabaseAs: ctx });
  ctx.hub?.subscribe((e) => heard.push(e));
});

interface Peer {
  ws: WebSocket;
  inbox: VideoServerMessage[];
  closedWith: () => number | null;
  send(message: unknown): void;
  /** The first message (from `from` on) that matches; waits for it. */
  next<T extends VideoServerMessage['type']>(
    type: T,
    where?: (m: Extract<VideoServerMessage, { type: T }>) => boolean,
  ): Promise<Extract<VideoServerMessage, { type: T }>>;
}
const peers: Peer[] = [];
afterAll(() => {
  for (const p of peers) p.ws.terminate();
});

const addresses = new Map<TestContext, string>();
/** A real WebSocket to a listening instance (as a browser would open one). */
async function connect(app: TestContext, path: string, headers: Record<string, string> = {}): Promise<Peer> {
  let base = addresses.get(app);
  if (!base) {
    await app.app.listen({ host: '127.0.0.1', port: 0 });
    base = `ws://127.0.0.1:${(app.app.server.address() as AddressInfo).port}`;
    addresses.set(app, base);
  }
  const ws = new WebSocket(`${base}${path}`, { headers });
  const inbox: VideoServerMessage[] = [];
  let closed: number | null = null;
  ws.on('message', (data) => inbox.push(JSON.parse(String(data))));
  ws.on('close', (code) => {
    closed = code;
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', (err) => reject(err));
  });
  const peer: Peer = {
    ws,
    inbox,
    closedWith: () => closed,
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next: (type, where = () => true) =>
      waitUntil(
        () =>
          inbox.find((m): m is never => m.type === type && where(m as never)) as
            | Extract<VideoServerMessage, { type: typeof type }>
            | undefined,
        { what: `a ${type} message`, timeoutMs: 5_000 },
      ),
  };
  peers.push(peer);
  return peer;
}
/** The person, on the second instance, with the link's token. */
const person = async (token: string) => {
  const p = await connect(two, '/api/public/video/signal');
  p.send({ type: 'join', token });
  return p;
};
/** A worker, on the first instance, signed in. */
const worker = async (s: { cookie: string }, appointmentId: string) => {
  const p = await connect(ctx, '/api/video/signal', { cookie: s.cookie });
  p.send({ type: 'join', appointmentId });
  return p;
};

const lastAuditId = async () => (await ctx.db.select({ id: max(auditEvents.id) }).from(auditEvents))[0]?.id ?? 0n;
const auditSince = (since: bigint) =>
  ctx.db
    .select({
      action: auditEvents.action,
      outcome: auditEvents.outcome,
      actorUserId: auditEvents.actorUserId,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(gt(auditEvents.id, since))
    .orderBy(auditEvents.id);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OFFER = { kind: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n' };
const ANSWER = { kind: 'answer', sdp: 'v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\ns=-\r\n' };
const CANDIDATE = {
  kind: 'candidate',
  candidate: 'candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host',
  sdpMid: '0',
  sdpMLineIndex: 0,
};

describe('a call across two instances', () => {
  it('the person waits, the worker admits, offer, answer and candidates pass both ways, the worker ends it', async () => {
    const r = await createVideoCase(ctx, tenancy, tom);
    const { appointment, token } = await bookVideo(ctx, tom, r.id);
    const before = await lastAuditId();

    const them = await person(token);
    expect(await them.next('joined')).toEqual({
      type: 'joined',
      role: 'person',
      state: 'waiting',
      at: new Date(appointment.windowStartsAt.getTime() + 15 * 60_000).toISOString(),
      iceServers: ICE_SERVERS,
      connection: expect.stringMatching(UUID),
    });
    // The caseload hears it live (the existing event stream): referral.changed for the PCN.
    await waitUntil(() => heard.find((e) => e.type === 'referral.changed' && e.referralId === r.id), {
      what: 'the change',
    });

    const me = await worker(tom, appointment.id);
    expect(await me.next('joined')).toMatchObject({
      role: 'worker',
      state: 'waiting',
      personPresent: true,
      iceServers: ICE_SERVERS,
    });

    me.send({ type: 'admit' });
    expect(await me.next('state', (m) => m.state === 'in_call')).toEqual({
      type: 'state',
      state: 'in_call',
      personPresent: true,
    });
    expect(await them.next('state', (m) => m.state === 'in_call')).toEqual({ type: 'state', state: 'in_call' });

    me.send({ type: 'signal', signal: OFFER });
    expect((await them.next('signal')).signal).toEqual(OFFER);
    them.send({ type: 'signal', signal: ANSWER });
    them.send({ type: 'signal', signal: CANDIDATE });
    await waitUntil(() => me.inbox.filter((m) => m.type === 'signal').length === 2, { what: 'two signals' });
    expect(me.inbox.filter((m) => m.type === 'signal').map((m) => (m as { signal: unknown }).signal)).toEqual([
      ANSWER,
      CANDIDATE,
    ]);

    expect((await get(tom, '/api/video/waiting')).json().waiting).not.toContainEqual(
      expect.objectContaining({ appointmentId: appointment.id }),
    );
    me.send({ type: 'end' });
    expect(await them.next('state', (m) => m.state === 'ended')).toEqual({ type: 'state', state: 'ended' });
    expect(await me.next('state', (m) => m.state === 'ended')).toEqual({ type: 'state', state: 'ended' });
    await waitUntil(() => them.closedWith() === 1000, { what: "the person's socket to close" });

    const row = await appointmentRow(ctx, appointment.id);
    expect(row).toMatchObject({
      state: 'ended',
      admittedByUserId: tom.id,
      endedByUserId: tom.id,
      personConnectionId: null,
      workerConnectionId: null,
    });
    const audit = await auditSince(before);
    expect(audit.map((a) => [a.action, a.outcome, a.actorUserId])).toEqual([
      ['video.waiting', 'success', null],
      ['video.admitted', 'success', tom.id],
      ['video.ended', 'success', tom.id],
    ]);
    // Who and when, never content: no SDP or candidate in any audit row.
    expect(JSON.stringify(audit)).not.toMatch(/v=0|candidate:/);

    // Afterwards the case offers the contact for recording: its times and duration.
    const list = await get(tom, `/api/referrals/${r.id}/video-appointments`);
    expect(list.json().appointments[0]).toMatchObject({
      state: 'ended',
      admittedAt: row?.admittedAt?.toISOString(),
      endedAt: row?.endedAt?.toISOString(),
      durationMinutes: 1,
    });
  });

  it('refuses a second device while the person is connected; after a drop the same link takes its place again', async () => {
    const r = await createVideoCase(ctx, tenancy, tom);
    const { appointment, token } = await bookVideo(ctx, tom, r.id);
    const first = await person(token);
    await first.next('joined');
    const me = await worker(tom, appointment.id);
    await me.next('joined');
    me.send({ type: 'admit' });
    await first.next('state', (m) => m.state === 'in_call');

    const before = await lastAuditId();
    const second = await person(token);
    expect(await second.next('refused')).toEqual({ type: 'refused', reason: 'in_use' });
    await waitUntil(() => second.closedWith() === 1008, { what: 'the second device to be cut off' });
    expect(
      (await auditSince(before)).map((a) => [a.action, a.outcome, (a.details as { reason?: string }).reason]),
    ).toEqual([['video.join', 'denied', 'second-device']]);

    first.ws.close();
    expect(await me.next('peer', (m) => !m.present)).toEqual({ type: 'peer', present: false });
    const back = await person(token);
    expect(await back.next('joined')).toMatchObject({ state: 'in_call' });
    // A new page: the worker starts a new peer connection with it (not an ICE restart).
    expect(await me.next('peer', (m) => m.present)).toEqual({ type: 'peer', present: true, resumed: false });
    expect((await appointmentRow(ctx, appointment.id))?.state).toBe('in_call');
  });

  it('a page whose network changed reconnects in its own place (naming its connection); the worker restarts ICE', async () => {
    const r = await createVideoCase(ctx, tenancy, tom);
    const { appointment, token } = await bookVideo(ctx, tom, r.id);
    const first = await person(token);
    const { connection } = await first.next('joined');
    const me = await worker(tom, appointment.id);
    await me.next('joined');
    me.send({ type: 'admit' });
    await first.next('state', (m) => m.state === 'in_call');

    // A guess at the connection is no key: refused as any second device.
    const guess = await connect(two, '/api/public/video/signal');
    guess.send({ type: 'join', token, replaces: crypto.randomUUID() });
    expect(await guess.next('refused')).toEqual({ type: 'refused', reason: 'in_use' });

    // The old socket has not closed yet (the phone left that network without a word).
    const before = await lastAuditId();
    const again = await connect(ctx, '/api/public/video/signal');
    again.send({ type: 'join', token, replaces: connection });
    expect(await again.next('joined')).toMatchObject({ state: 'in_call', connection: expect.stringMatching(UUID) });
    expect(await me.next('peer', (m) => m.present)).toEqual({ type: 'peer', present: true, resumed: true });
    // The old one, wherever it hangs on, is told and closed.
    expect(await first.next('refused')).toEqual({ type: 'refused', reason: 'in_use' });
    await waitUntil(() => first.closedWith() === 1008, { what: 'the old connection to close' });
    const audit = await auditSince(before);
    expect(audit.map((a) => [a.action, a.details])).toEqual([
      ['video.rejoined', { videoAppointmentId: appointment.id, resumed: true }],
    ]);

    // Signals flow on the new connection; the old one's leaving changed nothing.
    me.send({ type: 'signal', signal: OFFER });
    expect((await again.next('signal')).signal).toEqual(OFFER);
    expect((await appointmentRow(ctx, appointment.id))?.personConnectionId).not.toBeNull();

    // The socket may close before the page reconnects: the same page still resumes its call.
    const { connection: second } = await again.next('joined');
    again.ws.close();
    await me.next('peer', (m) => !m.present);
    me.inbox.length = 0;
    const resumedPage = await connect(two, '/api/public/video/signal');
    resumedPage.send({ type: 'join', token, replaces: second });
    await resumedPage.next('joined');
    expect(await me.next('peer', (m) => m.present)).toEqual({ type: 'peer', present: true, resumed: true });
  });

  it('a connection left behind by a crashed instance (silent past the limit) gives way to the person’s next one', async () => {
    const r = await createVideoCase(ctx, tenancy, tom);
    const { appointment, token } = await bookVideo(ctx, tom, r.id);
    const lost = await person(token);
    await lost.next('joined');
    // Named, and marked as Tom's own (his caseload's banner names it); his colleague sees it as not hers.
    const [row] = await ctx.db.select().from(people).where(eq(people.id, r.personId));
    const waiting = {
      appointmentId: appointment.id,
      referralId: r.id,
      person: { givenName: row?.givenName, familyName: row?.familyName },
    };
    expect((await get(tom, '/api/video/waiting')).json().waiting).toContainEqual(
      expect.objectContaining({ ...waiting, yours: true }),
    );
    expect((await get(hannah, '/api/video/waiting')).json().waiting).toContainEqual(
      expect.objectContaining({ ...waiting, yours: false }),
    );
    expect((await get(stranger, '/api/video/waiting')).json().waiting).not.toContainEqual(
      expect.objectContaining({ appointmentId: appointment.id }),
    );
    // Its instance died: nothing closed the connection, and it stops answering pings.
    await ctx.db
      .update(videoAppointments)
      .set({ personSeenAt: new Date(Date.now() - PERSON_STALE_AFTER_MS - 1_000) })
      .where(eq(videoAppointments.id, appointment.id));
    expect((await get(tom, '/api/video/waiting')).json().waiting).not.toContainEqual(
      expect.objectContaining({ appointmentId: appointment.id }),
    );
    const me = await worker(tom, appointment.id);
    expect(await me.next('joined')).toMatchObject({ state: 'waiting', personPresent: false });
    me.send({ type: 'admit' });
    expect(await me.next('error')).toEqual({ type: 'error', message: 'Nobody is waiting.' });

    const before = await lastAuditId();
    const back = await person(token);
    expect(await back.next('joined')).toMatchObject({ state: 'waiting' });
    expect((await auditSince(before)).map((a) => [a.action, a.details])).toEqual([
      ['video.waiting', { videoAppointmentId: appointment.id, replacedStaleConnection: true }],
    ]);
    me.send({ type: 'admit' });
    expect(await back.next('state', (m) => m.state === 'in_call')).toEqual({ type: 'state', state: 'in_call' });
  });
});

describe('heartbeats (a third instance pinging every 100 ms)', () => {
  let fast: TestContext;
  beforeAll(async () => {
    fast = await createTestApp(
      { ICE_SERVERS: JSON.stringify(ICE_SERVERS) },
      { realtime: true, sameDatabaseAs: ctx, videoPingEveryMs: 100 },
    );
  });
  const tokenOf = (s: Session) => decodeURIComponent(s.cookie.slice(s.cookie.indexOf('=') + 1).split(';')[0] ?? '');
  const idleFor = (s: Session, minutes: number) =>
    ctx.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - minutes * 60_000) })
      .where(eq(sessions.id, sessionIdOf(tokenOf(s))));
  const lastSeen = async (s: Session) =>
    (
      await ctx.db
        .select()
        .from(sessions)
        .where(eq(sessions.id, sessionIdOf(tokenOf(s))))
    )[0]?.lastSeenAt;

  it('each answered ping keeps the person’s place; a connection whose place was taken is closed', async () => {
    const r = await createVideoCase(ctx, tenancy, tom);
    const { appointment, token } = await bookVideo(ctx, tom, r.id);
    const them = await connect(fast, '/api/public/video/signal');
    them.send({ type: 'join', token });
    await them.next('joined');
    const seen = (await appointmentRow(ctx, appointment.id))?.personSeenAt?.getTime() ?? 0;
    await waitUntil(async () => ((await appointmentRow(ctx, appointment.id))?.personSeenAt?.getTime() ?? 0) > seen, {
      what: 'a ping to be answered',
    });
    await ctx.db
      .update(videoAppointments)
      .set({ personConnectionId: crypto.randomUUID() })
      .where(eq(videoAppointments.id, appointment.id));
    expect(await them.next('refused')).toEqual({ type: 'refused', reason: 'in_use' });
    await waitUntil(() => them.closedWith() === 1008, { what: 'the displaced connection to close' });
  });

  it('a worker waiting on the page is signed out when the session goes idle; in a call, the call is activity', async () => {
    const r = await createVideoCase(ctx, tenancy, tom);
    const { appointment, token } = await bookVideo(ctx, tom, r.id);
    const waitingWorker = await signIn(ctx, tom);
    const idle = await connect(fast, '/api/video/signal', { cookie: waitingWorker.cookie });
    idle.send({ type: 'join', appointmentId: appointment.id });
    await idle.next('joined');
    await idleFor(waitingWorker, 31);
    expect(await idle.next('refused')).toEqual({ type: 'refused', reason: 'signed_out' });
    await waitUntil(() => idle.closedWith() === 1008, { what: 'the idle worker to be cut off' });
    expect((await get(waitingWorker, '/api/auth/me')).statusCode).toBe(401);

    const calling = await signIn(ctx, tom);
    const them = await person(token);
    await them.next('joined');
    const me = await connect(fast, '/api/video/signal', { cookie: calling.cookie });
    me.send({ type: 'join', appointmentId: appointment.id });
    await me.next('joined');
    me.send({ type: 'admit' });
    await me.next('state', (m) => m.state === 'in_call');
    // 25 minutes without a request: the call's pings count as the worker's activity.
    await idleFor(calling, 25);
    const stale = (await lastSeen(calling))?.getTime() ?? 0;
    await waitUntil(async () => ((await lastSeen(calling))?.getTime() ?? 0) > stale, {
      what: 'the session to be kept alive by the call',
    });
    expect(me.closedWith()).toBeNull();
  });
});

describe('who may signal', () => {
  it('a colleague who is not the case’s worker may not join to admit; another PCN finds nothing', async () => {
    const r = await createVideoCase(ctx, tenancy, tom);
    const { appointment } = await bookVideo(ctx, tom, r.id);
    const colleague = await worker(hannah, appointment.id);
    expect(await colleague.next('refused')).toEqual({ type: 'refused', reason: 'not_allowed' });
    const outsider = await worker(stranger, appointment.id);
    expect(await outsider.next('refused')).toEqual({ type: 'refused', reason: 'unavailable' });
    expect((await appointmentRow(ctx, appointment.id))?.state).toBe('booked');
  });

  it('a waiting person’s signals reach no one (dropped: not in the call); nor does a worker’s before admitting', async () => {
    const r = await createVideoCase(ctx, tenancy, tom);
    const { appointment, token } = await bookVideo(ctx, tom, r.id);
    const them = await person(token);
    await them.next('joined');
    const me = await worker(tom, appointment.id);
    await me.next('joined');
    them.send({ type: 'signal', signal: OFFER });
    me.send({ type: 'signal', signal: OFFER });
    // Admitting after them: anything relayed would have arrived before the state that follows.
    me.send({ type: 'admit' });
    await them.next('state', (m) => m.state === 'in_call');
    await me.next('state', (m) => m.state === 'in_call');
    expect([...them.inbox, ...me.inbox].filter((m) => m.type === 'signal')).toEqual([]);
  });

  it('the worker’s socket refuses a page of another site (cookies ride along with any WebSocket)', async () => {
    await expect(
      connect(ctx, '/api/video/signal', { cookie: tom.cookie, origin: 'https://evil.example' }),
    ).rejects.toThrow(/403/);
    await expect(connect(ctx, '/api/video/signal')).rejects.toThrow(/401/);
    const home = await connect(ctx, '/api/video/signal', {
      cookie: tom.cookie,
      origin: addresses.get(ctx)?.replace('ws:', 'http:') ?? '',
    });
    expect(home.closedWith()).toBeNull();
  });
});

describe("the worker's session", () => {
  it('signing out ends the worker’s connection at once (session.ended, heard by every instance)', async () => {
    const r = await createVideoCase(ctx, tenancy, tom);
    const { appointment } = await bookVideo(ctx, tom, r.id);
    const second = await signIn(ctx, tom);
    const me = await worker(second, appointment.id);
    await me.next('joined');
    const out = await ctx.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: second.headers });
    expect(out.statusCode).toBeLessThan(300);
    expect(await me.next('refused')).toEqual({ type: 'refused', reason: 'signed_out' });
    await waitUntil(() => me.closedWith() === 1008, { what: "the signed-out worker's socket to close" });
  });
});

describe('bad messages and dead links', () => {
  it('names the field of a message that is not valid, changes nothing, and keeps the connection', async () => {
    const r = await createVideoCase(ctx, tenancy, tom);
    const { appointment, token } = await bookVideo(ctx, tom, r.id);
    const them = await connect(two, '/api/public/video/signal');
    them.send('{not json');
    expect(await them.next('error')).toEqual({ type: 'error', message: 'message: must be JSON text' });
    them.send({ type: 'join', token: 'short' });
    expect(await them.next('error', (m) => m.message.startsWith('token'))).toEqual({
      type: 'error',
      message: 'token: must be the token from the link',
    });
    them.send({ type: 'signal', signal: OFFER });
    expect(await them.next('error', (m) => m.message.startsWith('type'))).toEqual({
      type: 'error',
      message: 'type: must be join first',
    });
    expect((await appointmentRow(ctx, appointment.id))?.state).toBe('booked');

    them.send({ type: 'join', token });
    await them.next('joined');
    them.send({ type: 'signal', signal: { kind: 'offer', sdp: 'x'.repeat(6_001) } });
    expect(await them.next('error', (m) => m.message.startsWith('signal'))).toEqual({
      type: 'error',
      message: 'signal.sdp: must be at most 6000 characters',
    });
    expect(them.closedWith()).toBeNull();
  });

  it('cuts off a frame larger than the limit (1009)', async () => {
    const them = await connect(two, '/api/public/video/signal');
    them.send({ type: 'join', token: 'x'.repeat(10_000) });
    await waitUntil(() => them.closedWith() === 1009, { what: 'the oversized frame to close the socket' });
  });

  it('an expired, withdrawn or unknown link is refused alike, and the socket closed', async () => {
    const r = await createVideoCase(ctx, tenancy, tom);
    const { appointment, token } = await bookVideo(ctx, tom, r.id);
    await ctx.db
      .update(videoAppointments)
      .set({ windowStartsAt: new Date(Date.now() - 3 * 3_600_000), windowEndsAt: new Date(Date.now() - 1_000) })
      .where(eq(videoAppointments.id, appointment.id));
    for (const t of [token, 'B'.repeat(43)]) {
      const them = await person(t);
      expect(await them.next('refused')).toEqual({ type: 'refused', reason: 'unavailable' });
      await waitUntil(() => them.closedWith() === 1008, { what: 'the socket to close' });
    }
    expect((await appointmentRow(ctx, appointment.id))?.state).toBe('booked');
  });
});
