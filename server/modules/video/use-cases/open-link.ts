import type { VideoOpenAnswer } from '../../../../common/video.js';
import { writeAudit, writeAuditAlone } from '../../../platform/audit/audit.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { findPcnContact } from '../../organisations/organisations.service.js';
import * as repo from '../video.repository.js';
import { deadReason, linkAudit } from './call.js';
import { appointmentAt, tokenHashOf } from './video-link.js';

// Opening the person's link (no sign-in): when the appointment is and with whom — nothing about
// the person, who is the one holding the link. A withdrawn, spent or out-of-window link gets one
// answer, the same for each, so that it tells nothing of why; the audit row says which it was.
// That answer names the team and its phone number, so the person can call them: the holder of a
// real link (a 256-bit secret, never guessed) was sent it by that team. An unknown link (mistyped
// or cut short) gets the same page without them.

export async function openVideoLink(
  db: Db,
  ctx: RequestContext,
  token: string,
  now = new Date(),
): Promise<VideoOpenAnswer> {
  const found = await db.transaction(async (tx) => {
    const row = await repo.findByTokenHash(tx, tokenHashOf(token), { lock: true });
    const dead = deadReason(row, now);
    if (dead || !row) return { row, dead: dead ?? 'unknown' };
    const first = await repo.markOpened(tx, row.id, now);
    await writeAudit(tx, ctx, {
      ...linkAudit(row, 'video.link.open'),
      details: { videoAppointmentId: row.id, first: first !== null },
    });
    return { row, dead: null };
  });
  if (found.dead || !found.row) {
    await writeAuditAlone(db, ctx, {
      ...linkAudit(found.row, 'video.link.open'),
      outcome: 'denied',
      details: { reason: found.dead, ...(found.row ? { videoAppointmentId: found.row.id } : {}) },
    });
    const team = found.row ? await findPcnContact(db, found.row.pcnId) : null;
    return team ? { status: 'unavailable', team: { name: team.name, phone: team.phone } } : { status: 'unavailable' };
  }
  const { row } = found;
  const team = await findPcnContact(db, row.pcnId);
  return {
    status: 'open',
    at: appointmentAt(row).toISOString(),
    teamName: team?.name ?? 'your social prescribing team',
    teamPhone: team?.phone ?? null,
    state: row.state === 'cancelled' ? 'ended' : row.state,
  };
}
