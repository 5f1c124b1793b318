import {
  DECLINE_REASON_LABELS,
  ONWARD_KIND_LABELS,
  ONWARD_OUTCOME_LABELS,
  ONWARD_STATUS_LABELS,
} from '../../../common/onward-referrals.js';
import { addWorkingDays, isoDay } from './calendar.js';
import type { Journey } from './journey.js';
import { type IcbRandom, pickWeighted } from './random.js';
import { type TableWriter, textArray } from './table-writer.js';
import { ONWARD_ATTENDANCES, ONWARD_REFERRALS } from './tables.js';

// Onward referrals from a case to the synthetic directory's services: signposts, and referrals
// sent by secure link that the organisation accepts (and the person attends, or not), declines,
// or has not answered yet. Returns the lines the GP message lists.

export interface OnwardService {
  id: string;
  organizationId: string;
  name: string;
  organisation: string;
  capacity: string;
}
export type OnwardServices = readonly OnwardService[];

const OUTCOMES = [
  ['completed', 45],
  ['engaged_continuing', 20],
  ['stopped_attending', 20],
  ['never_attended', 15],
] as const;
const DECLINES = [
  ['service_full', 35],
  ['not_eligible', 25],
  ['could_not_contact', 25],
  ['person_declined', 10],
  ['other', 5],
] as const;

export function writeOnwardReferrals(
  writer: TableWriter,
  random: IcbRandom,
  ctx: { icbId: string; now: number; services: OnwardServices },
  j: Journey,
  worker: string,
  from: number,
  end: number,
): unknown[] {
  if (ctx.services.length === 0) return [];
  const lines: unknown[] = [];
  for (let n = random.chance(0.2) ? 2 : 1; n > 0; n--) {
    const service = random.pick(ctx.services);
    const id = random.uuid();
    const sent = from;
    const signpost = random.chance(0.4);
    let status = signpost ? 'signposted' : 'sent';
    let accepted: number | null = null;
    let declined: number | null = null;
    let declineReason: string | null = null;
    let closed: number | null = null;
    let outcome: string | null = null;
    let sessions = 0;
    if (!signpost) {
      const reply = addWorkingDays(random, sent, random.int(1, 8));
      if (reply <= ctx.now && random.chance(0.92)) {
        if (random.chance(0.75)) {
          accepted = reply;
          status = 'accepted';
          outcome = pickWeighted(random, OUTCOMES);
          sessions = outcome === 'never_attended' ? 0 : random.int(1, outcome === 'completed' ? 12 : 5);
          for (let s = 0; s < sessions; s++) {
            const on = reply + (s + 1) * 7 * 86_400_000;
            if (on > ctx.now) break;
            writer.add(ONWARD_ATTENDANCES, [id, 'attended', isoDay(on), 1, new Date(on)]);
          }
          const closeAt = reply + (sessions + 2) * 7 * 86_400_000;
          if (outcome !== 'engaged_continuing' && closeAt <= ctx.now) {
            closed = closeAt;
            status = 'closed';
          } else outcome = null;
        } else {
          declined = reply;
          declineReason = pickWeighted(random, DECLINES);
          status = 'declined';
        }
      }
    }
    const updated = closed ?? declined ?? accepted ?? sent;
    writer.add(ONWARD_REFERRALS, [
      id,
      ctx.icbId,
      j.pcn.id,
      j.id,
      j.person.id,
      service.id,
      service.organizationId,
      signpost ? 'signpost' : 'referral',
      signpost ? null : 'link',
      status,
      signpost ? null : worker,
      signpost ? null : new Date(sent),
      textArray(signpost ? [] : ['name', 'contact', 'reason']),
      service.capacity,
      'active',
      accepted === null ? null : new Date(accepted),
      declined === null ? null : new Date(declined),
      declineReason,
      closed === null ? null : new Date(closed),
      outcome,
      worker,
      new Date(sent),
      new Date(updated),
    ]);
    if (updated <= end) {
      lines.push({
        service: service.name,
        organisation: service.organisation,
        status: ONWARD_STATUS_LABELS[status as keyof typeof ONWARD_STATUS_LABELS],
        kind: signpost ? 'signpost' : 'referral',
        kindLabel: ONWARD_KIND_LABELS[signpost ? 'signpost' : 'referral'],
        outcome: outcome
          ? ONWARD_OUTCOME_LABELS[outcome as keyof typeof ONWARD_OUTCOME_LABELS]
          : declineReason
            ? DECLINE_REASON_LABELS[declineReason as keyof typeof DECLINE_REASON_LABELS]
            : null,
        sessionsAttended: sessions,
        at: new Date(sent).toISOString(),
      });
    }
  }
  return lines;
}
