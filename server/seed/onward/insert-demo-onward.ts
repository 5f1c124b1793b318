import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { DEFAULT_REPLY_WORKING_DAYS } from '../../../common/onward-referrals.js';
import { directoryOrganizations, directoryServices } from '../../modules/directory/directory.tables.js';
import { serviceReferralSettings } from '../../modules/directory/directory-partner.tables.js';
import {
  onwardAttendances,
  onwardEvents,
  onwardLinks,
  onwardReferrals,
} from '../../modules/onward-referrals/onward-referrals.tables.js';
import { pcns } from '../../modules/organisations/organisations.tables.js';
import { outcomeMeasures } from '../../modules/outcomes/outcomes.tables.js';
import { people } from '../../modules/people/people.tables.js';
import { referrals } from '../../modules/referrals/referrals.tables.js';
import { users } from '../../modules/users/users.tables.js';
import type { Tx } from '../../platform/db/client.js';
import { addWorkingDays, londonDate } from '../../platform/working-days.js';
import { seededRandom, seedOf } from '../cases/random.js';
import { type DemoTargets, planDemoOnward } from './plan-onward.js';
import type { OnwardCase, OnwardTarget } from './rows.js';
import {
  ALL_TARGET_NAMES,
  CONNECT_SERVICES,
  CONNECT_WALK,
  DEMO_REFERRAL_SETTINGS,
  LINK_SERVICES,
  type PcnSlug,
  SIGNPOST_SERVICES,
} from './targets.js';

// Writes the demo's onward referrals straight into the tables, as the loop would have left them
// over the past year (the use-cases stamp "now"), after the cases and the directory exist.
// A few multi-row statements, so a first start stays quick.

const PCN_SLUGS: Record<string, PcnSlug> = { U99001: 'central', U99002: 'riverside', U99003: 'coastal' };
const HOUR = 3_600_000;

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>, size = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/** The demo cases a worker could have sent someone onward from, in a fixed order. */
async function casesInWork(tx: Tx, icbId: string, now: Date): Promise<OnwardCase[]> {
  const rows = await tx
    .select({
      referralId: referrals.id,
      personId: referrals.personId,
      pcnId: referrals.pcnId,
      pcnCode: pcns.code,
      workerId: referrals.allocatedWorkerId,
      firstContactAt: referrals.firstContactAt,
      closedAt: referrals.closedAt,
      person: {
        givenName: people.givenName,
        familyName: people.familyName,
        phone: people.phone,
        email: people.email,
        preferredContact: people.preferredContact,
        language: people.language,
        interpreterNeeded: people.interpreterNeeded,
        accessibilityNeeds: people.accessibilityNeeds,
      },
    })
    .from(referrals)
    .innerJoin(people, eq(people.id, referrals.personId))
    .innerJoin(pcns, eq(pcns.id, referrals.pcnId))
    .where(
      and(
        eq(referrals.icbId, icbId),
        inArray(referrals.status, ['first_contact', 'active', 'discharged']),
        isNotNull(referrals.firstContactAt),
        isNotNull(referrals.allocatedWorkerId),
      ),
    )
    .orderBy(asc(pcns.code), asc(referrals.receivedAt), asc(people.familyName), asc(people.givenName));
  const measured = await tx
    .select({ referralId: outcomeMeasures.referralId, timepoint: outcomeMeasures.timepoint })
    .from(outcomeMeasures)
    .where(eq(outcomeMeasures.icbId, icbId));
  const timepoints = new Map<string, Set<string>>();
  for (const m of measured) timepoints.set(m.referralId, (timepoints.get(m.referralId) ?? new Set()).add(m.timepoint));
  return rows.flatMap((r) => {
    const pcnSlug = PCN_SLUGS[r.pcnCode];
    if (!pcnSlug || !r.workerId || !r.firstContactAt) return [];
    const seen = timepoints.get(r.referralId);
    return [
      {
        icbId,
        referralId: r.referralId,
        personId: r.personId,
        pcnId: r.pcnId,
        pcnSlug,
        workerId: r.workerId,
        from: new Date(r.firstContactAt.getTime() + 2 * HOUR),
        to: r.closedAt ?? now,
        open: r.closedAt === null,
        hasMeasures: Boolean(seen?.has('baseline') && (seen.has('review') || seen.has('discharge'))),
        person: r.person,
      },
    ];
  });
}

async function demoTargets(tx: Tx, icbId: string): Promise<DemoTargets> {
  const rows = await tx
    .select({
      serviceId: directoryServices.id,
      organizationId: directoryServices.organizationId,
      name: directoryServices.name,
      status: directoryServices.status,
      capacity: directoryServices.referralCapacity,
      serviceEmail: directoryServices.email,
      organisationEmail: directoryOrganizations.email,
      vcsOrganisationId: directoryOrganizations.vcsOrganisationId,
    })
    .from(directoryServices)
    .innerJoin(directoryOrganizations, eq(directoryOrganizations.id, directoryServices.organizationId))
    .where(and(eq(directoryServices.icbId, icbId), inArray(directoryServices.name, ALL_TARGET_NAMES)));
  const partners = await tx
    .select({ id: users.id, vcsOrganisationId: users.vcsOrganisationId })
    .from(users)
    .where(and(eq(users.icbId, icbId), eq(users.role, 'vcs_partner'), eq(users.active, true)))
    .orderBy(asc(users.email));
  const settings = new Map(DEMO_REFERRAL_SETTINGS.map((s) => [s.service, s]));
  const byName = new Map<string, OnwardTarget>();
  for (const r of rows) {
    const partnerUser = partners.find(
      (p) => p.vcsOrganisationId !== null && p.vcsOrganisationId === r.vcsOrganisationId,
    );
    const own = settings.get(r.name);
    byName.set(r.name, {
      serviceId: r.serviceId,
      organizationId: r.organizationId,
      name: r.name,
      status: r.status,
      capacity: r.capacity,
      // Delivery as at refer: the inbox only where the organisation has an active partner user.
      partner:
        partnerUser && r.vcsOrganisationId ? { vcsOrganisationId: r.vcsOrganisationId, userId: partnerUser.id } : null,
      linkEmail: own?.referralEmail ?? r.serviceEmail ?? r.organisationEmail,
      replyWorkingDays: own?.replyWorkingDays ?? DEFAULT_REPLY_WORKING_DAYS,
    });
  }
  const named = (names: string[]) =>
    names.map((n) => {
      const t = byName.get(n);
      if (!t) throw new Error(`demo onward: the directory has no service ${n}`);
      return t;
    });
  const byPcn = Object.fromEntries(
    (['central', 'riverside', 'coastal'] as const).map((slug) => [
      slug,
      {
        connect: named(CONNECT_SERVICES[slug]),
        link: named(LINK_SERVICES[slug]),
        signpost: named(SIGNPOST_SERVICES[slug]),
      },
    ]),
  ) as DemoTargets['byPcn'];
  return { byPcn, byName };
}

/** Seeds the demo's referral settings and onward referrals. Returns how many onward referrals. */
export async function insertDemoOnwardReferrals(tx: Tx, icbId: string, now = new Date()): Promise<number> {
  const targets = await demoTargets(tx, icbId);
  await tx.insert(serviceReferralSettings).values(
    DEMO_REFERRAL_SETTINGS.map((s) => ({
      serviceId: targets.byName.get(s.service)?.serviceId as string,
      takesReferrals: s.takesReferrals,
      takesSelfReferrals: s.takesSelfReferrals ?? false,
      referralEmail: s.referralEmail,
      replyWorkingDays: s.replyWorkingDays,
      updatedAt: now,
    })),
  );
  const planned = planDemoOnward(await casesInWork(tx, icbId, now), targets, now, seededRandom(seedOf('onward')));
  await inChunks(
    planned.map((p) => p.referral),
    (chunk) => tx.insert(onwardReferrals).values(chunk),
  );
  await inChunks(
    planned.flatMap((p) => p.attendances),
    (chunk) => tx.insert(onwardAttendances).values(chunk),
  );
  await inChunks(
    planned.flatMap((p) => p.events),
    (chunk) => tx.insert(onwardEvents).values(chunk),
  );
  await inChunks(
    planned.flatMap((p) => (p.link ? [p.link] : [])),
    (chunk) => tx.insert(onwardLinks).values(chunk),
  );
  const selfReferrals = await insertDemoSelfReferral(tx, icbId, targets, now);
  return planned.length + selfReferrals;
}

/**
 * A resident's own self-referral to the demo partner's walking group (issue 14), sent yesterday
 * and not opened yet: the partner's inbox shows what one looks like. Synthetic person, no case.
 */
async function insertDemoSelfReferral(tx: Tx, icbId: string, targets: DemoTargets, now: Date): Promise<number> {
  const walk = targets.byName.get(CONNECT_WALK);
  if (!walk?.partner) return 0;
  const sentAt = new Date(now.getTime() - 86_400_000);
  const [row] = await tx
    .insert(onwardReferrals)
    .values({
      source: 'self',
      icbId,
      serviceId: walk.serviceId,
      organizationId: walk.organizationId,
      vcsOrganisationId: walk.partner.vcsOrganisationId,
      kind: 'referral',
      delivery: 'inbox',
      status: 'sent',
      consentRecordedAt: sentAt,
      sharedFields: ['name', 'contact', 'contact_times', 'reason', 'language'],
      sharedDetails: {
        name: 'Morgan Hadley',
        dateOfBirth: '1957-09-21',
        postcode: 'NE6 1AS',
        phone: '07700900461',
        email: null,
        preferredContact: 'text',
        contactTimes: 'Weekday afternoons',
        reason: 'I retired in the spring and would like to walk with other people. I am slow on hills.',
        language: 'English',
        interpreterNeeded: false,
      },
      capacityAtSend: walk.capacity,
      serviceStatusAtSend: walk.status,
      replyDueOn: addWorkingDays(londonDate(sentAt), walk.replyWorkingDays),
      createdAt: sentAt,
      updatedAt: sentAt,
    })
    .returning({ id: onwardReferrals.id });
  await tx.insert(onwardEvents).values({
    onwardReferralId: (row as { id: string }).id,
    type: 'sent',
    at: sentAt,
    actorUserId: null,
    via: 'system',
    details: { delivery: 'inbox', source: 'self' },
  });
  return 1;
}
