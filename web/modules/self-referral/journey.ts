import type { SelfReferralAnswers, SelfReferralField, SelfReferralStatus } from '../../../common/self-referral';
import { api } from '../../app/api';

// The journey's state lives in this tab's sessionStorage until the check-answers page sends it:
// nothing reaches the server before then but each page's answers, to be checked (issue 14: "one
// thing per page", "nothing is stored until the person submits"). Closing the tab forgets it.

const KEY = 'waymark.self-referral';

/** A community group the resident is referring to directly (issue 14, point 3); absent: the PCN team. */
export interface JourneyGroup {
  id: string;
  name: string;
}

export interface Journey {
  answers: SelfReferralAnswers;
  group?: JourneyGroup;
  /** From the start page: the server times the journey with it. */
  formToken?: string;
  /** Made once, when the answers are first checked: a double submit sends the same key. */
  idempotencyKey?: string;
  /** The surgery's name, to show on the check page. */
  practiceName?: string;
  /** Set once sent: the confirmation page shows it. */
  reference?: string;
  /** How the confirmation was sent (text or email), if at all. */
  messagedBy?: string | null;
}

export function readJourney(): Journey {
  try {
    const kept = JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as Journey;
    return { ...kept, answers: kept.answers ?? {} };
  } catch {
    return { answers: {} };
  }
}

export function saveJourney(journey: Journey): void {
  sessionStorage.setItem(KEY, JSON.stringify(journey));
}

export function forgetJourney(): void {
  sessionStorage.removeItem(KEY);
}

/** The question pages in order, each with the answers it asks for. */
export interface Step {
  slug: string;
  fields: SelfReferralField[];
  /** Asked only when this holds (the "about you" page, for someone referring another person). */
  when?: (a: SelfReferralAnswers) => boolean;
  /** Asked on one journey only: to the PCN team, or straight to a group (shorter). */
  only?: 'team' | 'group';
}

export const STEPS: Step[] = [
  { slug: 'who', fields: ['forWhom'] },
  {
    slug: 'about-you',
    fields: ['onBehalfName', 'onBehalfRelationship', 'onBehalfPhone', 'onBehalfEmail', 'personAgreed'],
    when: (a) => a.forWhom === 'someone_else',
  },
  { slug: 'name', fields: ['givenName', 'familyName'] },
  { slug: 'date-of-birth', fields: ['dateOfBirth'] },
  { slug: 'postcode', fields: ['postcode'] },
  { slug: 'gp', fields: ['practiceId', 'practiceUnknown'], only: 'team' },
  { slug: 'contact', fields: ['preferredContact', 'phone', 'email'] },
  { slug: 'contact-times', fields: ['contactTimes'] },
  { slug: 'help', fields: ['reasons', 'details'], only: 'team' },
  { slug: 'for-the-group', fields: ['details'], only: 'group' },
  { slug: 'access-needs', fields: ['language', 'interpreterNeeded', 'accessibilityNeeds'] },
  { slug: 'consent', fields: ['consentToReferral', 'consentToShare'], only: 'team' },
  { slug: 'share-with-group', fields: ['consentToShare'], only: 'group' },
];

const journeyOf = (group: JourneyGroup | undefined) => (group ? 'group' : 'team');
const onJourney = (s: Step, group: JourneyGroup | undefined) => !s.only || s.only === journeyOf(group);

export const stepsFor = (a: SelfReferralAnswers, group?: JourneyGroup) =>
  STEPS.filter((s) => onJourney(s, group) && (!s.when || s.when(a)));
export const stepOf = (slug: string | undefined, group?: JourneyGroup) =>
  STEPS.find((s) => s.slug === slug && onJourney(s, group));
/** The page that asks for a field (where an error found at the end sends the person back). */
export const stepAsking = (field: string, group?: JourneyGroup) =>
  STEPS.find((s) => onJourney(s, group) && s.fields.includes(field as SelfReferralField));

/** Where the journey begins: the start page of the team's journey, or the group's. */
export const startPath = (group?: JourneyGroup) => (group ? `/self-referral/group/${group.id}` : '/self-referral');

/** The path after `slug`: the next page that applies, or the check-answers page. */
export function nextPath(slug: string, a: SelfReferralAnswers, group?: JourneyGroup): string {
  const steps = stepsFor(a, group);
  const at = steps.findIndex((s) => s.slug === slug);
  const next = steps[at + 1];
  return next ? `/self-referral/${next.slug}` : '/self-referral/check';
}

export function previousPath(slug: string, a: SelfReferralAnswers, group?: JourneyGroup): string {
  const steps = stepsFor(a, group);
  const at = steps.findIndex((s) => s.slug === slug);
  const previous = at > 0 ? steps[at - 1] : undefined;
  return previous ? `/self-referral/${previous.slug}` : startPath(group);
}

// ---- The API ----

export const startJourney = () => api<{ formToken: string }>('/api/public/self-referral/start', { method: 'POST' });

export const checkAnswers = (answers: SelfReferralAnswers, fields: SelfReferralField[], group?: JourneyGroup) =>
  api<{ errors: { field: string; message: string }[] }>('/api/public/self-referral/check', {
    method: 'POST',
    body: { answers, fields, ...(group ? { serviceId: group.id } : {}) },
  });

export const listReasons = () =>
  api<{ reasons: { code: string; words: string }[] }>('/api/public/self-referral/reasons');

export const searchPractices = (q: string) =>
  api<{ practices: { id: string; name: string; postcode: string | null; pcnName: string }[] }>(
    `/api/public/self-referral/practices?q=${encodeURIComponent(q)}`,
  );

export const sendReferral = (journey: Journey, website: string) =>
  api<{ reference: string }>('/api/public/self-referrals', {
    method: 'POST',
    body: {
      answers: journey.answers,
      formToken: journey.formToken,
      website,
      ...(journey.group ? { serviceId: journey.group.id } : {}),
    },
    headers: journey.idempotencyKey ? { 'Idempotency-Key': journey.idempotencyKey } : {},
  });

export const checkStatus = (reference: string, dateOfBirth: string) =>
  api<SelfReferralStatus>('/api/public/self-referrals/status', {
    method: 'POST',
    body: { reference, dateOfBirth },
  });
