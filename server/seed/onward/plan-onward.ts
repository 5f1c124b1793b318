import type { OnwardKind } from '../../../common/onward-referrals.js';
import type { Random } from '../cases/random.js';
import { type Fate, lifeOf, type Turns } from './life.js';
import { buildOnward, type OnwardCase, type OnwardTarget, type PlannedOnward } from './rows.js';
import { CONNECT_WALK, type PcnSlug, RIVERSIDE_GARDENS_WALK, RIVERSIDE_WALK } from './targets.js';

// Which demo cases were sent onward, where and when. First the showcase: the demo partner's
// inbox has new, opened and active referrals, and Riverside Walking Friends (no accounts) one
// waiting behind a live secure link and one whose link ran out. Then the year: most cases in
// work were signposted or referred once or twice while they were open; last, every thirty days
// of the past year gets a referral to Northshire Community Connect, so its impact page has a
// year of months. Cases with outcome measures at baseline and later are chosen first.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const YEAR_STRETCHES = 12;
export const STRETCH_DAYS = 30;

export interface TargetsOfPcn {
  connect: OnwardTarget[];
  link: OnwardTarget[];
  signpost: OnwardTarget[];
}

export interface DemoTargets {
  byPcn: Record<PcnSlug, TargetsOfPcn>;
  byName: Map<string, OnwardTarget>;
}

interface Choice {
  c: OnwardCase;
  target: OnwardTarget;
  kind: OnwardKind;
  sentAt: Date;
  fate: Fate;
}

const SHOWCASE: { pcn: PcnSlug; service: string; daysAgo: number; fate: Fate }[] = [
  { pcn: 'central', service: CONNECT_WALK, daysAgo: 0.2, fate: 'new' },
  { pcn: 'central', service: 'Community Connectors', daysAgo: 1.1, fate: 'new' },
  { pcn: 'riverside', service: 'Dales Lunch Club — Hawes', daysAgo: 1.9, fate: 'new' },
  { pcn: 'central', service: "Knit and natter — St Aidan's", daysAgo: 4, fate: 'opened' },
  { pcn: 'central', service: CONNECT_WALK, daysAgo: 24, fate: 'active' },
  { pcn: 'riverside', service: 'Knit and natter — Middleham', daysAgo: 15, fate: 'active' },
  { pcn: 'coastal', service: 'Knit and natter — Normanby', daysAgo: 40, fate: 'active' },
  { pcn: 'central', service: RIVERSIDE_WALK, daysAgo: 1, fate: 'new' },
  { pcn: 'central', service: RIVERSIDE_GARDENS_WALK, daysAgo: 18, fate: 'unanswered' },
];

const between = (from: number, to: number, random: Random) => new Date(from + random.next() * Math.max(0, to - from));
const preferMeasured = (cases: OnwardCase[]) => [
  ...cases.filter((c) => c.hasMeasures),
  ...cases.filter((c) => !c.hasMeasures),
];

export function planDemoOnward(cases: OnwardCase[], targets: DemoTargets, now: Date, random: Random): PlannedOnward[] {
  const choices: Choice[] = [];
  const used = new Map<string, Set<string>>();
  const take = (choice: Choice) => {
    const services = used.get(choice.c.referralId) ?? new Set<string>();
    if (services.has(choice.target.serviceId)) return false;
    services.add(choice.target.serviceId);
    used.set(choice.c.referralId, services);
    choices.push(choice);
    return true;
  };
  const ordered = preferMeasured(cases);

  const showcased = new Set<string>();
  for (const s of SHOWCASE) {
    const target = targets.byName.get(s.service);
    if (!target) throw new Error(`demo onward: no service ${s.service}`);
    const sentAt = new Date(now.getTime() - s.daysAgo * DAY);
    const open = ordered.filter((c) => c.open && c.from.getTime() < sentAt.getTime() && !showcased.has(c.referralId));
    const c = open.find((x) => x.pcnSlug === s.pcn) ?? open[0];
    if (!c) continue;
    showcased.add(c.referralId);
    take({ c, target, kind: 'referral', sentAt, fate: s.fate });
  }

  for (const c of cases) {
    const count = c.hasMeasures ? random.pick([1, 2, 2, 3]) : random.chance(0.35) ? 1 : 0;
    const mine = targets.byPcn[c.pcnSlug];
    for (let i = 0; i < count; i++) {
      const sentAt = between(c.from.getTime(), c.to.getTime() - HOUR, random);
      // Without measures to show a change, a case only signposts: the evidence pages stay full.
      const roll = c.hasMeasures ? random.next() : 1;
      const [kind, pool]: [OnwardKind, OnwardTarget[]] =
        roll < 0.6
          ? ['referral', mine.connect]
          : roll < 0.8
            ? ['referral', mine.link]
            : ['signpost', random.chance(0.4) ? mine.connect : mine.signpost];
      take({ c, target: random.pick(pool), kind, sentAt, fate: 'auto' });
    }
  }

  // Every thirty days of the year: at least one referral to Northshire Community Connect.
  const isConnect = (t: OnwardTarget) => t.partner !== null;
  for (let k = 0; k < YEAR_STRETCHES; k++) {
    const end = now.getTime() - k * STRETCH_DAYS * DAY;
    const start = end - STRETCH_DAYS * DAY;
    const covered = choices.some(
      (x) => x.kind === 'referral' && isConnect(x.target) && x.sentAt.getTime() >= start && x.sentAt.getTime() < end,
    );
    if (covered) continue;
    for (const c of ordered) {
      const from = Math.max(start, c.from.getTime());
      const to = Math.min(end, c.to.getTime() - HOUR);
      if (from >= to) continue;
      const target = random.pick(targets.byPcn[c.pcnSlug].connect);
      if (take({ c, target, kind: 'referral', sentAt: between(from, to, random), fate: 'auto' })) break;
    }
  }

  // Oldest first, so the reasons and outcomes take turns through the year.
  choices.sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
  const turns: Turns = { decline: 0, outcome: 0 };
  return choices.map((x) =>
    buildOnward(
      x.c,
      x.target,
      x.kind,
      x.sentAt,
      x.kind === 'referral' ? lifeOf(x.sentAt, now, x.fate, random, turns) : null,
      now,
      random,
    ),
  );
}
