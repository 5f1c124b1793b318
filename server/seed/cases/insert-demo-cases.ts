import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { ReferralPersonDetails } from '../../../common/referrals.js';
import type { TeamRole } from '../../../common/roles.js';
import { carePlans, carePlanVersions } from '../../modules/care-plans/care-plans.tables.js';
import { composeGpMessage, outcomeChangeSummary } from '../../modules/cases/cases.service.js';
import { caseContacts, caseNotes, gpMessages, plannedContacts } from '../../modules/cases/cases.tables.js';
import { pcns, practices } from '../../modules/organisations/organisations.tables.js';
import { measureSummariesOfCase } from '../../modules/outcomes/outcomes.service.js';
import { outcomeMeasures } from '../../modules/outcomes/outcomes.tables.js';
import { linkPerson } from '../../modules/people/people.service.js';
import { people } from '../../modules/people/people.tables.js';
import { teamScopeOf } from '../../modules/referrals/referrals.service.js';
import { referralEvents, referrals } from '../../modules/referrals/referrals.tables.js';
import { users } from '../../modules/users/users.tables.js';
import type { Tx } from '../../platform/db/client.js';
import { demoEqualityAnswers } from '../demo-population.js';
import { demoNhsNumbers } from '../demo-referrals.js';
import { type DemoCaseOfPcn, type DemoPcn, planDemoCases } from './demo-cases.js';

// Writes the demo cases straight into the tables, as the use-cases would have left them over the
// past year (the use-cases stamp "now", so they cannot write the past). Table by table in a few
// statements, so a first start stays quick; only the messages back to the GP are composed one by
// one, by the same code discharge uses, from the contacts and measures just written.

const PCN_SLUGS: Record<string, string> = { U99001: 'central', U99002: 'riverside', U99003: 'coastal' };
const TEAM_ROLES: readonly string[] = ['team_lead', 'link_worker', 'health_coach', 'care_coordinator'];

/** NHS numbers of the demo cases start here, far from the new referrals' (demo-referrals.ts). */
const NHS_NUMBERS_FROM = 200_000;

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>, size = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

async function demoPcns(
  tx: Tx,
  icbId: string,
): Promise<(DemoPcn & { id: string; practiceIds: Map<string, string> })[]> {
  const pcnRows = await tx.select().from(pcns).where(eq(pcns.icbId, icbId));
  const practiceRows = await tx
    .select()
    .from(practices)
    .where(
      inArray(
        practices.pcnId,
        pcnRows.map((p) => p.id),
      ),
    );
  const staff = await tx
    .select({ id: users.id, name: users.name, role: users.role, pcnId: users.pcnId, practiceId: users.practiceId })
    .from(users)
    .where(and(eq(users.icbId, icbId), isNotNull(users.pcnId)));
  const referrerOf = new Map<string, string>();
  for (const u of [...staff].sort((a, b) => a.name.localeCompare(b.name))) {
    if (u.role === 'referrer' && u.practiceId && !referrerOf.has(u.practiceId)) referrerOf.set(u.practiceId, u.id);
  }
  return pcnRows.flatMap((p) => {
    const slug = PCN_SLUGS[p.code];
    if (!slug) return [];
    const own = practiceRows.filter((r) => r.pcnId === p.id);
    return [
      {
        id: p.id,
        slug,
        team: staff
          .filter((u) => u.pcnId === p.id && TEAM_ROLES.includes(u.role))
          .map((u) => ({ id: u.id, name: u.name, role: u.role as TeamRole })),
        practices: new Map(
          own.map((r) => [r.code, { name: r.name, referrerUserId: referrerOf.get(r.id) ?? null }] as const),
        ),
        practiceIds: new Map(own.map((r) => [r.code, r.id])),
      },
    ];
  });
}

/** Seeds every stage of case work for each demo PCN. Returns how many cases it wrote. */
export async function insertDemoCases(tx: Tx, icbId: string, now = new Date()): Promise<number> {
  const pcnList = await demoPcns(tx, icbId);
  const bySlug = new Map(pcnList.map((p) => [p.slug, p]));
  const cases = planDemoCases(pcnList, now);
  const nhsNumbers = demoNhsNumbers(cases.length, NHS_NUMBERS_FROM);

  const placed = cases.map((c, i) => {
    const pcn = bySlug.get(c.pcnSlug);
    if (!pcn) throw new Error(`demo PCN ${c.pcnSlug} missing`);
    const practiceId = c.practiceCode ? (pcn.practiceIds.get(c.practiceCode) ?? null) : null;
    const registeredPracticeId = pcn.practiceIds.get(c.registeredPracticeCode) ?? null;
    // Practices know their patients' NHS numbers; some self- and other referrals come without one.
    const nhsNumber = c.source === 'practice' || i % 2 === 0 ? (nhsNumbers[i] as string) : null;
    return {
      c,
      pcnId: pcn.id,
      practiceId,
      registeredPracticeId,
      nhsNumber,
      personId: randomUUID(),
      referralId: randomUUID(),
    };
  });

  const personRows = placed.map((p, i) => ({
    id: p.personId,
    icbId,
    nhsNumber: p.nhsNumber,
    ...p.c.person,
    // Offset from the demo referrals' people, so the two sets do not repeat the same pattern.
    ...demoEqualityAnswers(i + 100),
    practiceId: p.registeredPracticeId,
    createdAt: p.c.receivedAt,
    updatedAt: p.c.receivedAt,
  }));
  await inChunks(personRows, (chunk) => tx.insert(people).values(chunk));
  for (const p of placed) {
    const link = { personId: p.personId, icbId, pcnId: p.pcnId };
    await linkPerson(tx, { ...link, practiceId: p.practiceId });
    if (p.registeredPracticeId !== p.practiceId) await linkPerson(tx, { ...link, practiceId: p.registeredPracticeId });
  }

  await inChunks(placed, (chunk) =>
    tx.insert(referrals).values(
      chunk.map(({ c, ...p }) => {
        const personDetails: ReferralPersonDetails = {
          nhsNumber: p.nhsNumber,
          ...c.person,
          registeredPracticeId: p.registeredPracticeId,
        };
        return {
          id: p.referralId,
          personId: p.personId,
          personDetails,
          icbId,
          pcnId: p.pcnId,
          practiceId: p.practiceId,
          source: c.source,
          referrerUserId: c.referrerUserId,
          referrerName: c.referrer?.name ?? null,
          referrerOrganisation: c.referrer?.organisation ?? null,
          referrerContact: c.referrer?.contact ?? null,
          reasons: c.reasons,
          details: c.details,
          urgencyRequested: c.urgencyRequested,
          consentToReferral: true,
          consentToShare: c.consentToShare,
          safeguardingConcern: c.safeguardingConcern,
          status: c.status,
          priority: c.priority,
          complexity: c.complexity,
          predictedPam: c.predictedPam,
          signpostingOnly: c.signpostingOnly,
          triageNotes: c.triageNotes,
          closureReason: c.closureReason,
          closureNote: c.closureNote,
          allocatedWorkerId: c.allocatedWorkerId,
          firstContactDueAt: c.firstContactDueAt,
          receivedAt: c.receivedAt,
          triagedAt: c.triagedAt,
          allocatedAt: c.allocatedAt,
          firstContactAt: c.firstContactAt,
          closedAt: c.closedAt,
          // Each change of state bumped the version, as transitionReferral does.
          version: c.events.length,
          createdAt: c.receivedAt,
          updatedAt: c.events.at(-1)?.at ?? c.receivedAt,
        };
      }),
    ),
  );

  // Contact ids are known before the rows are written, so events and bookings can name them.
  const contactIds = placed.map((p) => new Map(p.c.contacts.map((k) => [k.key, randomUUID()])));
  const contactId = (i: number, key: number) => contactIds[i]?.get(key) as string;

  await inChunks(
    placed.flatMap((p, i) =>
      p.c.events.map((e) => ({
        referralId: p.referralId,
        type: e.type,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        at: e.at,
        actorUserId: e.actorUserId,
        snomedCode: e.snomedCode,
        details:
          typeof e.details.contactId === 'number'
            ? { ...e.details, contactId: contactId(i, e.details.contactId) }
            : e.details,
      })),
    ),
    (chunk) => tx.insert(referralEvents).values(chunk),
  );
  await inChunks(
    placed.flatMap((p, i) =>
      p.c.contacts.map((k) => ({
        id: contactId(i, k.key),
        referralId: p.referralId,
        pcnId: p.pcnId,
        at: k.at,
        mode: k.mode,
        durationMinutes: k.durationMinutes,
        outcome: k.outcome,
        notes: k.notes,
        recordedByUserId: k.recordedBy,
        createdAt: k.at,
      })),
    ),
    (chunk) => tx.insert(caseContacts).values(chunk),
  );
  await inChunks(
    placed.flatMap((p, i) =>
      p.c.planned.map((b) => ({
        referralId: p.referralId,
        pcnId: p.pcnId,
        plannedFor: b.plannedFor,
        mode: b.mode,
        purpose: b.purpose,
        createdByUserId: b.createdBy,
        createdAt: b.createdAt,
        settledByContactId: b.settledBy === null ? null : contactId(i, b.settledBy),
      })),
    ),
    (chunk) => tx.insert(plannedContacts).values(chunk),
  );
  await inChunks(
    placed.flatMap((p) =>
      p.c.notes.map((n) => ({
        referralId: p.referralId,
        pcnId: p.pcnId,
        body: n.body,
        authorUserId: n.authorUserId,
        createdAt: n.at,
      })),
    ),
    (chunk) => tx.insert(caseNotes).values(chunk),
  );

  const withPlans = placed.filter((p) => p.c.planVersions.length > 0).map((p) => ({ ...p, planId: randomUUID() }));
  await inChunks(
    withPlans.map((p) => ({
      id: p.planId,
      personId: p.personId,
      pcnId: p.pcnId,
      currentVersion: p.c.planVersions.length,
      createdAt: p.c.planVersions[0]?.savedAt,
      updatedAt: p.c.planVersions.at(-1)?.savedAt,
    })),
    (chunk) => tx.insert(carePlans).values(chunk),
  );
  await inChunks(
    withPlans.flatMap((p) =>
      p.c.planVersions.map((v, n) => ({
        planId: p.planId,
        version: n + 1,
        content: v.content,
        savedBy: v.savedBy,
        savedAt: v.savedAt,
      })),
    ),
    (chunk) => tx.insert(carePlanVersions).values(chunk),
  );
  await inChunks(
    placed.flatMap((p) =>
      p.c.measures.map((m) => ({
        personId: p.personId,
        referralId: p.referralId,
        icbId,
        pcnId: p.pcnId,
        measure: m.measure,
        timepoint: m.timepoint,
        answers: m.answers,
        scores: m.scores as unknown as Record<string, unknown>,
        recordedBy: m.recordedBy,
        recordedAt: m.recordedAt,
        administeredOn: m.administeredOn,
      })),
    ),
    (chunk) => tx.insert(outcomeMeasures).values(chunk),
  );

  await writeMessagesBack(tx, placed);
  return cases.length;
}

/** The message back to the GP of each discharged case, composed as discharge composes it. */
async function writeMessagesBack(
  tx: Tx,
  placed: { c: DemoCaseOfPcn; pcnId: string; practiceId: string | null; referralId: string }[],
): Promise<void> {
  const discharged = placed.filter((p) => p.c.discharge);
  if (discharged.length === 0) return;
  const rows = await tx
    .select()
    .from(referrals)
    .where(
      inArray(
        referrals.id,
        discharged.map((p) => p.referralId),
      ),
    );
  const rowById = new Map(rows.map((r) => [r.id, r]));
  const messages = [];
  for (const p of discharged) {
    const row = rowById.get(p.referralId);
    const discharge = p.c.discharge;
    if (!row || !discharge) continue;
    const { offered, codes } = await composeGpMessage(tx, row, { reason: discharge.reason, at: discharge.at });
    const outcomeChange = outcomeChangeSummary(await measureSummariesOfCase(tx, teamScopeOf(row), p.referralId));
    messages.push({
      referralId: p.referralId,
      pcnId: p.pcnId,
      practiceId: p.practiceId,
      dischargedAt: discharge.at,
      dischargeReason: discharge.reason,
      summary: discharge.summary,
      offered,
      onwardReferrals: [],
      outcomeChange: outcomeChange as Record<string, unknown> | null,
      codes,
      authorUserId: discharge.authorUserId,
      createdAt: discharge.at,
    });
  }
  await inChunks(messages, (chunk) => tx.insert(gpMessages).values(chunk));
}
