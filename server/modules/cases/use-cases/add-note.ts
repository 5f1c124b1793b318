import type { TimelineItem } from '../../../../common/cases.js';
import { STATUS_LABELS } from '../../../../common/referrals.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { conflict } from '../../../platform/errors.js';
import { publish } from '../../../platform/realtime.js';
import { runUseCase } from '../../../platform/use-case.js';
import { isWorkable, loadCase } from '../../referrals/referrals.service.js';
import * as repo from '../cases.repository.js';
import type { TNoteCreate } from '../cases.schemas.js';
import { noteItem } from './timeline.js';

/** A plain-text case note (stored as typed; the web app renders it as text, never as HTML). */
export async function addCaseNote(db: Db, ctx: SignedInContext, id: string, input: TNoteCreate): Promise<TimelineItem> {
  return runUseCase(db, ctx, async (tx) => {
    const { actor, row } = await loadCase(tx, ctx, id, { write: true });
    if (!isWorkable(row.status)) {
      throw conflict(`Notes cannot be added to a referral that is ${STATUS_LABELS[row.status].toLowerCase()}.`);
    }
    const note = await repo.insertNote(tx, {
      referralId: row.id,
      pcnId: row.pcnId,
      body: input.body,
      authorUserId: actor.userId,
    });
    await writeAudit(tx, ctx, {
      action: 'case.note-added',
      entityType: 'referral',
      entityId: row.id,
      details: { noteId: note.id },
    });
    await publish(tx, { type: 'referral.changed', pcnId: row.pcnId, referralId: row.id });
    return noteItem(note, actor.name);
  });
}
