import type { z } from 'zod';
import type {
  AcceptSchema,
  AttendanceSchema,
  CloseSchema,
  DeclineSchema,
  LinkAccess,
  PartnerReferralView,
} from '../../../../common/onward-referrals.js';
import { writeAuditAlone } from '../../../platform/audit/audit.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import {
  type Answerer,
  type AnswerSettings,
  acceptOnwardReferral,
  closeOnwardReferral,
  declineOnwardReferral,
  recordAttendance,
} from '../use-cases/answer.js';
import { loadPartnerView, recordFirstView } from '../use-cases/inbox.js';
import { linkAudit, requireAccess } from './link-holder.js';

// The referral behind a secure link, once the holder has proved with the one-time code that they
// read the organisation's mailbox: the same view and the same answers as the partner inbox, for
// this one referral only.

async function linkAnswerer(db: Db, ctx: RequestContext, input: LinkAccess, action: string) {
  const found = await requireAccess(db, ctx, input, action);
  const answerer: Answerer = { via: 'link', linkId: found.link.id, onwardReferralId: found.onward.id, ctx };
  return { found, answerer };
}

/** Reads the referral: the first read marks it viewed (on the case timeline); every read is audited. */
export async function readLinkReferral(db: Db, ctx: RequestContext, input: LinkAccess): Promise<PartnerReferralView> {
  const { found, answerer } = await linkAnswerer(db, ctx, input, 'onward.read');
  const now = new Date();
  await recordFirstView(db, answerer, found.onward, now);
  const view = await loadPartnerView(db, answerer, found.onward.id, now);
  await writeAuditAlone(db, ctx, {
    ...linkAudit(found, 'onward.read'),
    details: { via: 'link', linkId: found.link.id, anonymised: view.anonymised, fields: found.onward.sharedFields },
  });
  return view;
}

type Answer<S extends z.ZodType> = LinkAccess & z.output<S>;
const ANSWERS = {
  accept: { action: 'onward.accept', run: acceptOnwardReferral },
  decline: { action: 'onward.decline', run: declineOnwardReferral },
  attendance: { action: 'onward.attendance', run: recordAttendance },
  close: { action: 'onward.close', run: closeOnwardReferral },
} as const;
export type LinkAnswerStep = keyof typeof ANSWERS;

export type LinkAnswerInput = {
  accept: Answer<typeof AcceptSchema>;
  decline: Answer<typeof DeclineSchema>;
  attendance: Answer<typeof AttendanceSchema>;
  close: Answer<typeof CloseSchema>;
};

/** One of the organisation's answers, through the link (audited by the answer itself, with the link's id). */
export async function answerThroughLink<K extends LinkAnswerStep>(
  db: Db,
  ctx: RequestContext,
  step: K,
  input: LinkAnswerInput[K],
  settings: AnswerSettings,
): Promise<PartnerReferralView> {
  const { action, run } = ANSWERS[step];
  const { found, answerer } = await linkAnswerer(db, ctx, input, action);
  const { token: _token, access: _access, ...answer } = input;
  return (run as (...args: unknown[]) => Promise<PartnerReferralView>)(db, answerer, found.onward.id, answer, settings);
}
