import type { z } from 'zod';
import type {
  OurEvents,
  ServiceEvent,
  UpcomingEvent,
  ZServiceEventCancel,
  ZServiceEventEdit,
  ZServiceEventInput,
} from '../../../../../common/showcase.js';
import { writeAudit, writeAuditAlone } from '../../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../../platform/context.js';
import type { Db, DbOrTx } from '../../../../platform/db/client.js';
import { AppError, notFound, validationError } from '../../../../platform/errors.js';
import { runUseCase } from '../../../../platform/use-case.js';
import * as maintenance from '../../maintenance/maintenance.repository.js';
import {
  peopleLabels,
  requirePartner,
  requireReviewer,
  serviceForPartner,
  serviceForReviewer,
} from '../../maintenance/use-cases/actors.js';
import * as repo from '../showcase.repository.js';

// Sessions and events of a service: its organisation's partner users publish them, and the
// directory staff of its ICB may too. Each write is versioned and audited.

export type EventInput = z.output<typeof ZServiceEventInput>;
export type EventEdit = z.output<typeof ZServiceEventEdit>;
export type EventCancel = z.output<typeof ZServiceEventCancel>;

/** Who edits events: a partner (its own organisation's services) or directory staff (the ICB's). */
export type EventEditor = 'partner' | 'staff';

const WHAT = 'event';
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** How many upcoming events a public listing shows. */
export const UPCOMING_ON_LISTING = 10;

const LABELS: Record<keyof EventInput, string> = {
  title: 'title',
  description: 'description',
  starts_at: 'start',
  ends_at: 'end',
  place: 'place',
  spaces_left: 'spaces left',
  booking_needed: 'booking',
};

/** The event's own fields, as its form sends them (and as an edit's changed fields are named). */
const asInput = (row: repo.PublicEventRow): EventInput => ({
  title: row.title,
  description: row.description,
  starts_at: row.startsAt.toISOString(),
  ends_at: iso(row.endsAt),
  place: row.place,
  spaces_left: row.spacesLeft,
  booking_needed: row.bookingNeeded,
});

const toUpcoming = (row: repo.PublicEventRow): UpcomingEvent => ({ id: row.id, ...asInput(row) });

const toView = (row: repo.EventRow): ServiceEvent => ({
  ...toUpcoming(row),
  service_id: row.serviceId,
  service_name: row.serviceName,
  cancelled_at: iso(row.cancelledAt),
  version: row.version,
});

const isoOf = (at: string) => new Date(at).toISOString();

const toValues = (input: EventInput): repo.EventValues => ({
  title: input.title,
  description: input.description,
  startsAt: new Date(input.starts_at),
  endsAt: input.ends_at ? new Date(input.ends_at) : null,
  place: input.place,
  spacesLeft: input.spaces_left,
  bookingNeeded: input.booking_needed,
});

/** The service when the editor may publish its events; 404 otherwise (audited, never 403). */
async function serviceFor(db: DbOrTx, ctx: SignedInContext, editor: EventEditor, serviceId: string) {
  if (editor === 'partner') return serviceForPartner(db, ctx, await requirePartner(db, ctx), serviceId);
  return serviceForReviewer(db, ctx, await requireReviewer(db, ctx), serviceId);
}

/** The event when it belongs to a service the editor may change; 404 otherwise (audited). */
async function eventFor(db: DbOrTx, ctx: SignedInContext, editor: EventEditor, eventId: string) {
  const row = await repo.findEvent(db, eventId);
  const scope = ctx.actor.scope;
  const mine =
    row !== null &&
    (editor === 'partner'
      ? scope.kind === 'vcs' && row.vcsOrganisationId === scope.vcsOrganisationId
      : row.icbId === scope.icbId);
  if (!row || !mine) {
    await writeAuditAlone(db, ctx, {
      action: 'directory.event.read',
      outcome: 'denied',
      entityType: 'service_event',
      entityId: eventId,
      details: { reason: row ? 'another organisation or ICB' : 'no such event' },
    });
    throw notFound(WHAT);
  }
  return row;
}

const whenInLondon = (at: Date) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
    day: 'numeric',
    month: 'short',
  }).format(at);

/** The 409 of a stale edit or cancel: who changed the event, when, and what. */
async function staleEvent(db: DbOrTx, row: repo.EventRow): Promise<AppError> {
  const last = await repo.lastEventChange(db, row.id);
  const who = last?.actorUserId ? (await peopleLabels(db, [last.actorUserId])).get(last.actorUserId) : undefined;
  const by = `${who ? ` by ${who}` : ''}${last ? ` at ${whenInLondon(last.at)}` : ''}`;
  const fields = (last?.details.fields as string[] | undefined) ?? [];
  const what = row.cancelledAt
    ? `was cancelled${by}`
    : `was changed${by}${fields.length ? ` (${fields.join(', ')})` : ''}`;
  return new AppError('conflict', {
    userMessage: `This event ${what} since you opened it; reload to see it.`,
    details: { currentVersion: row.version, cancelled: row.cancelledAt !== null },
  });
}

/** The partner's services and their events (upcoming, and those over for under 30 days). */
export async function listOurEvents(db: DbOrTx, ctx: SignedInContext): Promise<OurEvents> {
  const partner = await requirePartner(db, ctx);
  const services = await maintenance.listPartnerServices(db, partner.vcsOrganisationId);
  const live = services.filter((s) => s.status !== 'defunct');
  const events = await repo.listEventsOfServices(
    db,
    services.map((s) => s.id),
  );
  return { services: live.map((s) => ({ id: s.id, name: s.name })), events: events.map(toView) };
}

/** One service's events, for directory staff. */
export async function listServiceEvents(db: DbOrTx, ctx: SignedInContext, serviceId: string) {
  await serviceFor(db, ctx, 'staff', serviceId);
  return (await repo.listEventsOfServices(db, [serviceId])).map(toView);
}

export async function addEvent(
  db: Db,
  ctx: SignedInContext,
  editor: EventEditor,
  serviceId: string,
  input: EventInput,
): Promise<ServiceEvent> {
  const service = await serviceFor(db, ctx, editor, serviceId);
  if (Date.parse(input.starts_at) <= Date.now()) {
    throw validationError([{ field: 'starts_at', message: 'must be in the future: add sessions still to come' }]);
  }
  const { id } = await runUseCase(db, ctx, async (tx) => {
    const created = await repo.insertEvent(tx, {
      ...toValues(input),
      icbId: service.icbId,
      serviceId,
      createdByUserId: ctx.actor.userId,
    });
    await writeAudit(tx, ctx, {
      action: 'directory.event.create',
      entityType: 'service_event',
      entityId: created.id,
      details: { serviceId, as: editor },
    });
    return created;
  });
  return toView((await repo.findEvent(db, id)) as repo.EventRow);
}

export async function editEvent(
  db: Db,
  ctx: SignedInContext,
  editor: EventEditor,
  eventId: string,
  { expected_version, ...input }: EventEdit,
): Promise<ServiceEvent> {
  const current = await eventFor(db, ctx, editor, eventId);
  const values = toValues(input);
  const before = asInput(current);
  const after = { ...input, starts_at: isoOf(input.starts_at), ends_at: input.ends_at && isoOf(input.ends_at) };
  const fields = (Object.keys(LABELS) as (keyof EventInput)[]).filter((k) => before[k] !== after[k]);
  await runUseCase(db, ctx, async (tx) => {
    if (!(await repo.updateEvent(tx, eventId, expected_version, values))) {
      throw await staleEvent(tx, (await repo.findEvent(tx, eventId)) ?? current);
    }
    await writeAudit(tx, ctx, {
      action: 'directory.event.update',
      entityType: 'service_event',
      entityId: eventId,
      details: { serviceId: current.serviceId, as: editor, fields: fields.map((f) => LABELS[f]) },
    });
  });
  return toView((await repo.findEvent(db, eventId)) as repo.EventRow);
}

export async function cancelEvent(
  db: Db,
  ctx: SignedInContext,
  editor: EventEditor,
  eventId: string,
  { expected_version }: EventCancel,
): Promise<ServiceEvent> {
  const current = await eventFor(db, ctx, editor, eventId);
  await runUseCase(db, ctx, async (tx) => {
    if (!(await repo.updateEvent(tx, eventId, expected_version, { cancelledAt: new Date() }))) {
      throw await staleEvent(tx, (await repo.findEvent(tx, eventId)) ?? current);
    }
    await writeAudit(tx, ctx, {
      action: 'directory.event.cancel',
      entityType: 'service_event',
      entityId: eventId,
      details: { serviceId: current.serviceId, as: editor },
    });
  });
  return toView((await repo.findEvent(db, eventId)) as repo.EventRow);
}

/** A listing's upcoming events as the public sees them (the directory's listing pages). */
export async function upcomingEventsOf(db: DbOrTx, serviceId: string): Promise<UpcomingEvent[]> {
  return (await repo.listUpcomingEvents(db, serviceId, UPCOMING_ON_LISTING)).map(toUpcoming);
}
