import type { z } from 'zod';
import {
  REFERRAL_CAPACITY_LABELS,
  type ReferralCapacity,
  SERVICE_STATUS_LABELS,
  type ServiceStatus,
} from '../../../../common/directory.js';
import type { OnwardServiceQuerySchema, OnwardServiceSearch, ReplyStats } from '../../../../common/onward-referrals.js';
import { normalisePostcode } from '../../../../common/postcode.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { listingRefsOf } from '../../directory/organisations/organisations.service.js';
import { referralSettingsOf } from '../../directory/referral-settings/referral-settings.service.js';
import { searchServices } from '../../directory/search/search.service.js';
import { peopleByIds } from '../../people/people.service.js';
import { loadCase } from '../../referrals/referrals.service.js';
import { replyStatsOfOrganisations } from '../impact/reply-stats.js';

const PER_PAGE = 20;

/** Figures are shown once there is history: an answered referral, not only sent ones. */
const withHistory = (s: ReplyStats | undefined) =>
  s && (s.medianReplyWorkingDays !== null || s.acceptedPercent !== null) ? s : null;

/**
 * "Find a service for this person": the directory's one search (`searchServices` →
 * `findInDirectory`) in the team's ICB, measured from the person's postcode unless another is
 * given, each result told whether it takes referrals and how its organisation usually replies.
 */
export async function findServicesForCase(
  db: Db,
  ctx: SignedInContext,
  referralId: string,
  query: z.output<typeof OnwardServiceQuerySchema>,
): Promise<OnwardServiceSearch> {
  const { actor, row } = await loadCase(db, ctx, referralId);
  const person = (await peopleByIds(db, actor.scope, [row.personId])).get(row.personId);
  const postcode = query.postcode ?? (person?.postcode ? normalisePostcode(person.postcode) : null) ?? null;
  const page = await searchServices(
    db,
    {
      text: query.text,
      category: query.category,
      postcode: postcode ?? undefined,
      within_miles: query.within_miles,
      page: query.page,
      per_page: PER_PAGE,
    },
    'staff',
    { icbId: actor.scope.icbId },
  );
  const ids = page.results.map((r) => r.id);
  const settings = await referralSettingsOf(db, ids);
  // The organisation of each result, through the directory's own reader, in one query.
  const refs = await listingRefsOf(db, actor.scope.icbId, ids);
  const orgOf = new Map([...refs].map(([id, ref]) => [id, ref.organisation.id]));
  const stats = await replyStatsOfOrganisations(db, actor.scope.icbId, [...new Set(orgOf.values())]);
  return {
    postcode,
    postcodeUnknown: page.postcode_unknown === true,
    correctedText: page.corrected_text ?? null,
    total: page.total,
    page: page.page,
    perPage: page.per_page,
    results: page.results.map((r) => {
      const orgId = orgOf.get(r.id);
      return {
        id: r.id,
        name: r.name,
        organisationName: r.organization_name,
        description: r.description,
        status: r.status,
        statusLabel: SERVICE_STATUS_LABELS[r.status as ServiceStatus] ?? r.status,
        capacity: r.referral_capacity,
        capacityLabel: REFERRAL_CAPACITY_LABELS[r.referral_capacity as ReferralCapacity] ?? r.referral_capacity,
        categories: r.categories,
        where: r.where ? [r.where.name, r.where.city, r.where.postal_code].filter(Boolean).join(', ') || null : null,
        areaWide: r.area_wide,
        distanceMiles: r.distance_miles,
        opening: r.opening,
        takesReferrals: settings.get(r.id)?.takesReferrals ?? true,
        nextEvent: r.next_event ? { title: r.next_event.title, startsAt: r.next_event.starts_at } : null,
        replyStats: withHistory(orgId ? stats.get(orgId) : undefined),
      };
    }),
  };
}
