import { writeAudit } from '../../platform/audit/audit.js';
import type { SignedInContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/client.js';
import { relayOnCommit } from '../../platform/realtime.js';
import { REFUSED_UNAVAILABLE } from './use-cases/call-messages.js';
import * as repo from './video.repository.js';

// The video module's face to other modules: the cases module books an appointment with a
// planned contact of mode video, and calls it off with the planned contact.

export { bookVideoAppointment, type VideoLinkSettings } from './use-cases/video-link.js';

/** The planned contacts were cancelled (or their case closed): their links stop working. */
export async function cancelVideoAppointments(
  tx: Tx,
  ctx: SignedInContext,
  referralId: string,
  plannedContactIds: string[],
): Promise<void> {
  const cancelled = await repo.cancelOfPlannedContacts(tx, plannedContactIds);
  if (cancelled.length === 0) return;
  for (const row of cancelled) {
    if (row.personConnectionId) {
      await relayOnCommit(tx, { room: row.id, to: row.personConnectionId, body: REFUSED_UNAVAILABLE });
    }
  }
  await writeAudit(tx, ctx, {
    action: 'video.cancelled',
    entityType: 'referral',
    entityId: referralId,
    details: { videoAppointmentIds: cancelled.map((row) => row.id) },
  });
}
