import type { Complexity, RecommendableRole } from '../../../common/referrals.js';

// Waymark's allocation rules (DESIGN.md §2 step 3), as pure functions: no database, no clock.
// The same input always gives the same output, whatever order the team is listed in.

export type CaseloadRole = 'team_lead' | 'link_worker' | 'health_coach' | 'care_coordinator';

export interface TeamMemberForAllocation {
  id: string;
  name: string;
  role: CaseloadRole;
  fte: number | null;
  caseloadCapacity: number | null;
  /** Open cases this person is working now (their own, less those covered, plus those they cover). */
  openCases: number;
  /** Languages they can work in besides English. */
  languages: readonly string[];
  /** Leave covering today, if any: nobody on leave is given new work. */
  onLeaveUntil: string | null;
  /** Skills and specialisms from the team profile, each with the referral reasons it suits (issue 16). */
  skills?: readonly MemberSkill[];
}

export interface MemberSkill {
  label: string;
  reasonCodes: readonly string[];
}

export interface ReferralForAllocation {
  id: string;
  complexity: Complexity | null;
  predictedPam: number | null;
  signpostingOnly: boolean;
  /** The team lead's recommendation at triage; null leaves the choice to the rules. */
  recommendedRole: RecommendableRole | null;
  language: string;
  interpreterNeeded: boolean;
  /** Workers who were allocated to this person before (any earlier referral). */
  previousWorkerIds: readonly string[];
  /** The referral's reason codes (loneliness, debt, …): a worker with a matching skill is preferred. */
  reasons?: readonly string[];
}

export interface SuggestedWorker {
  id: string;
  name: string;
  role: CaseloadRole;
  openCases: number;
  capacity: number;
  overCapacity: boolean;
}

export interface AllocationSuggestion {
  /** The role the rules (or the lead's recommendation) call for. */
  role: RecommendableRole;
  worker: SuggestedWorker | null;
  /** Why, in plain words, in the order a person would explain it. */
  reasons: string[];
  /** Other people who could take it, best first. */
  alternatives: (SuggestedWorker & { note: string })[];
}

export const ROLE_NAMES: Record<CaseloadRole, string> = {
  team_lead: 'team lead',
  link_worker: 'link worker',
  health_coach: 'health and wellbeing coach',
  care_coordinator: 'care coordinator',
};

const ROLE_PLURAL: Record<RecommendableRole, string> = {
  link_worker: 'link workers',
  health_coach: 'health and wellbeing coaches',
  care_coordinator: 'care coordinators',
};

/** The role the rules give a triage outcome, with the reason in words. */
export function roleByRules(t: Pick<ReferralForAllocation, 'complexity' | 'predictedPam' | 'signpostingOnly'>): {
  role: RecommendableRole;
  reason: string;
} {
  if (t.complexity === 'high') {
    return { role: 'health_coach', reason: 'High complexity: complex cases go to a health and wellbeing coach.' };
  }
  if (t.predictedPam === 1 || t.predictedPam === 2) {
    return {
      role: 'health_coach',
      reason: `Predicted PAM level ${t.predictedPam} (low activation): a health and wellbeing coach works with people at PAM levels 1 and 2.`,
    };
  }
  if (t.signpostingOnly) {
    return {
      role: 'care_coordinator',
      reason: 'Simple signposting only: a care coordinator takes straightforward signposting.',
    };
  }
  return { role: 'link_worker', reason: 'Not complex: link workers take the bulk of non-complex cases.' };
}

/**
 * The team lead is the PCN's senior link worker and keeps a link worker caseload (seed article),
 * so they can take link worker cases; each other role takes its own.
 */
function canWorkAs(member: TeamMemberForAllocation, role: RecommendableRole): boolean {
  return member.role === role || (role === 'link_worker' && member.role === 'team_lead');
}

/** Open cases this person can carry: caseload capacity × FTE, rounded down (0 when either is unset). */
export function capacityOf(member: Pick<TeamMemberForAllocation, 'fte' | 'caseloadCapacity'>): number {
  if (member.fte === null || member.caseloadCapacity === null) return 0;
  // Whole hundredths: in floating point 100 × 0.29 is 28.999…, which would round down to 28.
  return Math.floor((member.caseloadCapacity * Math.round(member.fte * 100)) / 100);
}

const spareOf = (m: TeamMemberForAllocation) => capacityOf(m) - m.openCases;

function needsLanguage(r: ReferralForAllocation): string | null {
  const language = r.language.trim();
  if (r.interpreterNeeded || (language !== '' && language.toLowerCase() !== 'english')) return language;
  return null;
}

function speaks(member: TeamMemberForAllocation, language: string): boolean {
  const wanted = language.toLowerCase();
  return member.languages.some((l) => l.trim().toLowerCase() === wanted);
}

/** The member's skills that suit the referral's reasons, in the order of their profile. */
function matchingSkills(member: TeamMemberForAllocation, reasons: readonly string[]): string[] {
  if (reasons.length === 0) return [];
  return (member.skills ?? []).filter((s) => s.reasonCodes.some((c) => reasons.includes(c))).map((s) => s.label);
}

/** Deterministic order: name, then id (never the order the team happened to be listed in). */
function byName(a: TeamMemberForAllocation, b: TeamMemberForAllocation): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function toSuggested(m: TeamMemberForAllocation): SuggestedWorker {
  const capacity = capacityOf(m);
  return {
    id: m.id,
    name: m.name,
    role: m.role,
    openCases: m.openCases,
    capacity,
    overCapacity: m.openCases >= capacity,
  };
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

const cases = (n: number) => `${n} open ${n === 1 ? 'case' : 'cases'}`;

/**
 * Who may take the referral: people of the wanted role who are not on leave. When all of them
 * are away (or the team has none), the care coordinator covers; when the care coordinators are
 * the ones away, the link workers do.
 */
export function suitableMembers(
  referral: ReferralForAllocation,
  team: readonly TeamMemberForAllocation[],
): { role: RecommendableRole; pool: TeamMemberForAllocation[]; coveringRole: RecommendableRole | null } {
  const role = referral.recommendedRole ?? roleByRules(referral).role;
  const available = (r: RecommendableRole) => team.filter((m) => canWorkAs(m, r) && m.onLeaveUntil === null);
  const pool = available(role);
  if (pool.length > 0) return { role, pool, coveringRole: null };
  const cover: RecommendableRole = role === 'care_coordinator' ? 'link_worker' : 'care_coordinator';
  return { role, pool: available(cover), coveringRole: cover };
}

/** Waymark's suggestion for one triaged referral, with its reasons in words. */
export function suggestAllocation(
  referral: ReferralForAllocation,
  team: readonly TeamMemberForAllocation[],
): AllocationSuggestion {
  const reasons: string[] = [];
  const rules = roleByRules(referral);
  if (referral.recommendedRole && referral.recommendedRole !== rules.role) {
    reasons.push(
      `Recommended at triage: a ${ROLE_NAMES[referral.recommendedRole]} (the rules alone would suggest a ${ROLE_NAMES[rules.role]}).`,
    );
  } else {
    reasons.push(rules.reason);
  }
  const { role, pool, coveringRole } = suitableMembers(referral, team);

  const considered: RecommendableRole[] = coveringRole ? [role, coveringRole] : [role];
  const away = team.filter((m) => m.onLeaveUntil !== null && considered.some((r) => canWorkAs(m, r))).sort(byName);
  for (const m of away) {
    reasons.push(`${m.name} is on leave until ${formatDay(m.onLeaveUntil as string)}, so was not considered.`);
  }
  if (coveringRole) {
    const hasRole = team.some((m) => canWorkAs(m, role));
    reasons.push(
      hasRole
        ? `Every ${ROLE_NAMES[role]} is on leave today, so the ${ROLE_PLURAL[coveringRole]} cover.`
        : `The team has no ${ROLE_PLURAL[role]}, so the ${ROLE_PLURAL[coveringRole]} cover.`,
    );
  }
  if (pool.length === 0) {
    reasons.push(
      `Nobody can take this now: no ${ROLE_PLURAL[role]}${coveringRole ? ` or ${ROLE_PLURAL[coveringRole]}` : ''} are available. Allocate it by hand when someone is back.`,
    );
    return { role, worker: null, reasons, alternatives: [] };
  }

  const language = needsLanguage(referral);
  const previous = new Set(referral.previousWorkerIds);
  const reasonCodes = referral.reasons ?? [];
  const skillsOf = (m: TeamMemberForAllocation) => matchingSkills(m, reasonCodes);
  const withRoom = pool.filter((m) => spareOf(m) > 0);
  let chosen: TeamMemberForAllocation;
  let ranked: TeamMemberForAllocation[];

  if (withRoom.length > 0) {
    // Continuity first, then language, then skills that suit the reasons (more is better),
    // then the most spare capacity, then name.
    const score = (m: TeamMemberForAllocation) => [
      previous.has(m.id) ? 0 : 1,
      language && speaks(m, language) ? 0 : 1,
      -skillsOf(m).length,
      -spareOf(m),
    ];
    ranked = [...withRoom].sort((a, b) => {
      const sa = score(a);
      const sb = score(b);
      for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return (sa[i] as number) - (sb[i] as number);
      return byName(a, b);
    });
    chosen = ranked[0] as TeamMemberForAllocation;
    const continuity = withRoom.filter((m) => previous.has(m.id));
    if (previous.has(chosen.id)) {
      reasons.push(`${chosen.name} has worked with this person before (continuity of care).`);
    } else if (referral.previousWorkerIds.length > 0 && continuity.length === 0) {
      reasons.push('Nobody who worked with this person before is available with room, so continuity was not possible.');
    }
    if (language) {
      const need = referral.interpreterNeeded ? `${language}, and needs an interpreter` : language;
      if (speaks(chosen, language)) {
        reasons.push(`${chosen.name} speaks ${language}: the person speaks ${need}.`);
      } else if (!withRoom.some((m) => speaks(m, language))) {
        reasons.push(`The person speaks ${need}; nobody suitable with room speaks it, so book an interpreter.`);
      }
    }
    const chosenSkills = skillsOf(chosen);
    if (chosenSkills.length > 0) {
      const others = withRoom.filter((m) => m !== chosen && skillsOf(m).length >= chosenSkills.length);
      reasons.push(
        `${chosen.name} has skills in ${joinNames(chosenSkills)}, which suit the reasons for referral${others.length === 0 && withRoom.length > 1 ? ' (the closest match among suitable colleagues with room)' : ''}.`,
      );
    } else if (reasonCodes.length > 0 && withRoom.some((m) => skillsOf(m).length > 0)) {
      reasons.push(
        `Colleagues with skills that suit the reasons for referral were ranked lower for continuity or language.`,
      );
    }
    const chosenScore = score(chosen).join();
    const tied = ranked.filter((m) => m !== chosen && score(m).join() === chosenScore);
    const mostSpare = spareOf(chosen) === Math.max(...withRoom.map(spareOf));
    reasons.push(
      `${chosen.name} has ${cases(chosen.openCases)} of ${capacityOf(chosen)} (caseload capacity × FTE): ${spareOf(chosen)} ${spareOf(chosen) === 1 ? 'place' : 'places'} free${withRoom.length > 1 && mostSpare ? ', the most spare capacity among suitable colleagues' : ''}.`,
    );
    if (tied.length > 0) reasons.push(`Tied with ${joinNames(tied.map((m) => m.name))}: chosen by name.`);
    const full = pool.filter((m) => spareOf(m) <= 0).sort(byName);
    if (full.length > 0) {
      reasons.push(`${joinNames(full.map((m) => m.name))} ${full.length === 1 ? 'is' : 'are'} at capacity.`);
      ranked = ranked.concat([...full].sort((a, b) => spareOf(b) - spareOf(a) || byName(a, b)));
    }
  } else {
    // Nobody has room: say so, and suggest the least loaded, flagged over capacity.
    ranked = [...pool].sort((a, b) => spareOf(b) - spareOf(a) || byName(a, b));
    chosen = ranked[0] as TeamMemberForAllocation;
    reasons.push(
      `Nobody suitable has room: every ${coveringRole ? ROLE_NAMES[coveringRole] : ROLE_NAMES[role]} available is at or over capacity.`,
    );
    reasons.push(
      `${chosen.name} is the least loaded (${cases(chosen.openCases)} of ${capacityOf(chosen)}) and would go over capacity.`,
    );
  }

  const alternatives = ranked
    .filter((m) => m !== chosen)
    .map((m) => {
      const s = toSuggested(m);
      const notes = [`${cases(m.openCases)} of ${s.capacity}`];
      if (s.overCapacity) notes.push('at capacity');
      if (previous.has(m.id)) notes.push('worked with this person before');
      if (language && speaks(m, language)) notes.push(`speaks ${language}`);
      const skills = skillsOf(m);
      if (skills.length > 0) notes.push(`skills: ${skills.join(', ')}`);
      return { ...s, note: notes.join('; ') };
    });
  return { role, worker: toSuggested(chosen), reasons, alternatives };
}

export interface PlannedAllocation {
  referralId: string;
  suggestion: AllocationSuggestion;
}

/**
 * "Allocate all": the referrals in queue order (most urgent, then longest waiting), each given
 * the suggestion as the team stands after the ones before it, so the load is balanced.
 */
export function planAllocations(
  referrals: readonly ReferralForAllocation[],
  team: readonly TeamMemberForAllocation[],
): PlannedAllocation[] {
  const load = team.map((m) => ({ ...m }));
  const plan: PlannedAllocation[] = [];
  for (const referral of referrals) {
    const suggestion = suggestAllocation(referral, load);
    plan.push({ referralId: referral.id, suggestion });
    const member = suggestion.worker && load.find((m) => m.id === suggestion.worker?.id);
    if (member) member.openCases += 1;
  }
  return plan;
}

/**
 * Why a choice the lead made in "allocate all" goes against the rules, in words: someone whose
 * role the rules would not give this referral, or more cases than their capacity × FTE. The lead
 * may still confirm it; these are said, not enforced.
 */
export function choiceWarnings(
  referral: ReferralForAllocation,
  team: readonly TeamMemberForAllocation[],
  chosen: TeamMemberForAllocation,
): string[] {
  const warnings: string[] = [];
  const { role, pool } = suitableMembers(referral, team);
  if (!pool.some((m) => m.id === chosen.id)) {
    const why = referral.recommendedRole ? 'A lead recommended it at triage.' : roleByRules(referral).reason;
    warnings.push(
      `${chosen.name} is a ${ROLE_NAMES[chosen.role]}, but the rules give this referral to a ${ROLE_NAMES[role]}. ${why}`,
    );
  }
  const capacity = capacityOf(chosen);
  if (chosen.openCases >= capacity) {
    warnings.push(
      `${chosen.name} would have ${cases(chosen.openCases + 1)}, over their capacity of ${capacity} (caseload capacity × FTE).`,
    );
  }
  return warnings;
}

/**
 * Why a case belongs with a health and wellbeing coach, if it does: high complexity, or predicted
 * PAM level 1. Handing such a case to a care coordinator (cover, handover) needs a warning.
 */
export function coachCaseReason(t: Pick<ReferralForAllocation, 'complexity' | 'predictedPam'>): string | null {
  if (t.complexity === 'high') {
    return 'High complexity: the allocation rules give complex cases to a health and wellbeing coach.';
  }
  if (t.predictedPam === 1) {
    return 'Predicted PAM level 1 (low activation): the allocation rules give it to a health and wellbeing coach.';
  }
  return null;
}

/** The warning when a case would be covered by someone the rules say it should not go to; else null. */
export function coverWarning(
  t: Pick<ReferralForAllocation, 'complexity' | 'predictedPam'>,
  cover: { name: string; role: string },
): string | null {
  if (cover.role !== 'care_coordinator') return null;
  const why = coachCaseReason(t);
  return why ? `${why} ${cover.name} is a care coordinator.` : null;
}

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

function formatDay(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? isoDate : DAY.format(d);
}
