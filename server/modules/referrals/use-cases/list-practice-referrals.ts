import { and, desc, eq, inArray, notInArray, type SQL, sql } from 'drizzle-orm';
import type { ReferralStatusView } from '../../../../common/api-types.js';
import { writeAuditAlone } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { notFound } from '../../../platform/errors.js';
import { OPEN_STATUSES } from '../lifecycle.js';
import { referralScope } from '../referrals.repository.js';
import type { TPracticeReferralsQuery } from '../referrals.schemas.js';
import { toStatusViews } from '../referrals.service.js';
import { referrals } from '../referrals.tables.js';

export const PRACTICE_REFERRALS_PAGE_SIZE = 50;

export interface PracticeReferralsPage {
  referrals: ReferralStatusView[];
  page: number;
  pageSize: number;
  total: number;
}

/**
 * The referrals a GP practice made, newest first, as status views: what was asked and where it
 * stands, never the team's triage or case notes. Only for practice staff: the PCN team has its
 * queue, so anyone else is told there is no such list (404).
 */
export async function listPracticeReferrals(
  db: Db,
  ctx: SignedInContext,
  opts: TPracticeReferralsQuery,
): Promise<PracticeReferralsPage> {
  const { actor } = ctx;
  if (actor.scope.kind !== 'practice') throw notFound('list of your practice’s referrals');
  // Both conditions: the scope clause is the rule every referral query follows, the practice
  // clause is what this list means.
  const where = and(
    referralScope(actor.scope),
    eq(referrals.practiceId, actor.scope.practiceId),
    statusWhere(opts.status),
    searchWhere(opts.q),
  );
  const [rows, total] = await Promise.all([
    db
      .select()
      .from(referrals)
      .where(where)
      .orderBy(desc(referrals.receivedAt), desc(referrals.id))
      .limit(PRACTICE_REFERRALS_PAGE_SIZE)
      .offset((opts.page - 1) * PRACTICE_REFERRALS_PAGE_SIZE),
    db.$count(referrals, where),
  ]);
  await writeAuditAlone(db, ctx, {
    action: 'referral.list-practice',
    entityType: 'practice',
    entityId: actor.scope.practiceId,
    details: { page: opts.page, count: rows.length, searched: !!opts.q, status: opts.status ?? null },
  });
  return {
    referrals: await toStatusViews(db, rows),
    page: opts.page,
    pageSize: PRACTICE_REFERRALS_PAGE_SIZE,
    total,
  };
}

function statusWhere(status: TPracticeReferralsQuery['status']): SQL | undefined {
  if (!status) return undefined;
  if (status === 'open') return inArray(referrals.status, [...OPEN_STATUSES]);
  if (status === 'closed') return notInArray(referrals.status, [...OPEN_STATUSES]);
  return eq(referrals.status, status);
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The practice finds a referral as it knows it: the person as the practice described them (every
 * word in the name), an NHS number with or without spaces, or the reference (WM-3F9A-C21B).
 */
function searchWhere(q: string | undefined): SQL | undefined {
  const text = q?.trim();
  if (!text) return undefined;
  const compact = text.replace(/[\s-]+/g, '').toLowerCase();
  const name = sql`lower(${referrals.personDetails}->>'givenName' || ' ' || (${referrals.personDetails}->>'familyName'))`;
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const byName = and(...words.map((w) => sql`${name} LIKE ${`%${likeEscape(w)}%`}`));
  const alternatives: SQL[] = [sql`(${byName})`];
  if (/^\d{3,10}$/.test(compact)) {
    alternatives.push(sql`${referrals.personDetails}->>'nhsNumber' LIKE ${`${compact}%`}`);
  }
  const reference = compact.replace(/^wm/, '');
  if (/^[0-9a-f]{4,8}$/.test(reference)) {
    alternatives.push(sql`replace(${referrals.id}::text, '-', '') LIKE ${`${reference}%`}`);
  }
  return sql`(${sql.join(alternatives, sql` OR `)})`;
}
