import type { CarePlanContent } from '../../../../common/care-plan.js';
import {
  MEASURE_LABELS,
  type Measure,
  ONS4_ITEMS,
  SWEMWBS_ITEMS,
  UCLA3_ITEMS,
} from '../../../../common/outcome-measures.js';
import type { CurrentCarePlan } from '../../care-plans/care-plans.service.js';
import type { OutcomeMeasureRow } from '../../outcomes/outcomes.service.js';
import type { PersonRow } from '../../people/people.service.js';
import {
  NHS_NUMBER_SYSTEM,
  WAYMARK_OUTCOME_SYSTEM,
  WAYMARK_QUESTIONNAIRE_BASE,
  WAYMARK_REASON_SYSTEM,
} from '../fhir-terms.js';
import type { FhirResource } from '../searchset.js';

// The person (Patient), their personalised care and support plan (CarePlan, goals as contained
// Goals) and their outcome measures (a QuestionnaireResponse of the answers and an Observation per
// score), as standards.md maps them.

const GENDER = { female: 'female', male: 'male', not_stated: 'unknown' } as const;

export function toPatient(p: PersonRow): FhirResource {
  const gender = p.sex ? GENDER[p.sex as keyof typeof GENDER] : undefined;
  const telecom = [
    ...(p.phone ? [{ system: 'phone', value: p.phone }] : []),
    ...(p.email ? [{ system: 'email', value: p.email }] : []),
  ];
  return {
    resourceType: 'Patient',
    id: p.id,
    meta: { versionId: String(p.version), lastUpdated: p.updatedAt.toISOString() },
    ...(p.nhsNumber ? { identifier: [{ system: NHS_NUMBER_SYSTEM, value: p.nhsNumber }] } : {}),
    name: [{ use: 'official', family: p.familyName, given: [p.givenName] }],
    ...(telecom.length > 0 ? { telecom } : {}),
    ...(gender ? { gender } : {}),
    birthDate: p.dateOfBirth,
    ...(p.postcode ? { address: [{ use: 'home', postalCode: p.postcode }] } : {}),
    communication: [{ language: { text: p.language }, preferred: true }],
  };
}

const nonEmpty = (s: string | null | undefined): s is string => !!s && s.trim() !== '';

export function toCarePlan(current: CurrentCarePlan, reasonLabels: Map<string, string>): FhirResource {
  const { plan, content } = current;
  const c: CarePlanContent = content;
  const subject = { reference: `Patient/${plan.personId}` };
  const goals = c.goals.map((g, i) => ({
    resourceType: 'Goal',
    id: `goal-${i + 1}`,
    lifecycleStatus: 'active',
    description: { text: g.text },
    subject,
    ...(g.targetDate ? { target: [{ dueDate: g.targetDate }] } : {}),
    ...(g.progress.length > 0
      ? {
          note: g.progress.map((p) => ({
            time: `${p.date}T00:00:00Z`,
            text: `Progress ${p.score}/10${nonEmpty(p.note) ? `: ${p.note}` : ''}`,
          })),
        }
      : {}),
  }));
  const notes = [
    nonEmpty(c.strengths) ? `Strengths: ${c.strengths}` : null,
    ...c.needs.map((n) => `Need (${reasonLabels.get(n.domain) ?? n.domain})${nonEmpty(n.notes) ? `: ${n.notes}` : ''}`),
    nonEmpty(c.ifThingsGetWorse) ? `If things get worse: ${c.ifThingsGetWorse}` : null,
  ].filter(nonEmpty);
  return {
    resourceType: 'CarePlan',
    id: plan.id,
    meta: { versionId: String(plan.currentVersion), lastUpdated: plan.updatedAt.toISOString() },
    ...(goals.length > 0 ? { contained: goals } : {}),
    status: 'active',
    intent: 'plan',
    ...(c.needs.length > 0
      ? {
          category: c.needs.map((n) => ({
            coding: [
              { system: WAYMARK_REASON_SYSTEM, code: n.domain, display: reasonLabels.get(n.domain) ?? n.domain },
            ],
          })),
        }
      : {}),
    title: 'Personalised care and support plan',
    ...(nonEmpty(c.whatMattersToMe) ? { description: `What matters to me: ${c.whatMattersToMe}` } : {}),
    subject,
    ...(c.agreedOn || c.reviewOn
      ? { period: { ...(c.agreedOn ? { start: c.agreedOn } : {}), ...(c.reviewOn ? { end: c.reviewOn } : {}) } }
      : {}),
    created: plan.createdAt.toISOString(),
    ...(goals.length > 0 ? { goal: goals.map((g) => ({ reference: `#${g.id}` })) } : {}),
    ...(c.actions.length > 0
      ? {
          activity: c.actions.map((a) => ({
            detail: {
              status: a.done ? 'completed' : 'not-started',
              description: nonEmpty(a.who) ? `${a.what} (${a.who})` : a.what,
              ...(a.byWhen ? { scheduledString: `By ${a.byWhen}` } : {}),
            },
          })),
        }
      : {}),
    ...(notes.length > 0 ? { note: notes.map((text) => ({ text })) } : {}),
  };
}

const ITEM_TEXT: Record<string, string> = Object.fromEntries(
  [...ONS4_ITEMS, ...SWEMWBS_ITEMS, ...UCLA3_ITEMS].map((i) => [i.key, i.text]),
);
const PAM_ITEM_TEXT: Record<string, string> = {
  score: 'PAM score (from the licensed tool)',
  level: 'PAM level (from the licensed tool)',
};

const numberAnswer = (v: number) => (Number.isInteger(v) ? { valueInteger: v } : { valueDecimal: v });

export function toQuestionnaireResponse(row: OutcomeMeasureRow): FhirResource {
  return {
    resourceType: 'QuestionnaireResponse',
    id: row.id,
    meta: { versionId: '1', lastUpdated: row.recordedAt.toISOString() },
    questionnaire: `${WAYMARK_QUESTIONNAIRE_BASE}/${row.measure}`,
    status: 'completed',
    subject: { reference: `Patient/${row.personId}` },
    basedOn: [{ reference: `ServiceRequest/${row.referralId}` }],
    authored: row.recordedAt.toISOString(),
    item: Object.entries(row.answers).map(([key, value]) => ({
      linkId: key,
      text: (row.measure === 'pam' ? PAM_ITEM_TEXT[key] : ITEM_TEXT[key]) ?? key,
      answer: [numberAnswer(value)],
    })),
  };
}

interface Score {
  key: string;
  display: string;
  value: number;
  interpretation?: string;
}

/** The scores of a recording, each an Observation (ONS4 items stay separate: never summed). */
function scoresOf(row: OutcomeMeasureRow): Score[] {
  const s = row.scores as Record<string, unknown>;
  const measure: Measure = row.measure;
  switch (measure) {
    case 'ons4':
      return ONS4_ITEMS.flatMap((item) => {
        const v = s[item.key] as { value: number; band: string } | undefined;
        return v ? [{ key: item.key, display: `ONS4 ${item.short}`, value: v.value, interpretation: v.band }] : [];
      });
    case 'swemwbs':
      return [
        { key: 'raw', display: 'SWEMWBS raw score', value: s.raw as number },
        { key: 'metric', display: 'SWEMWBS metric score', value: s.metric as number },
      ];
    case 'ucla3':
      return [{ key: 'total', display: 'UCLA-3 loneliness total', value: s.total as number }];
    case 'pam':
      return [
        { key: 'score', display: 'PAM score', value: s.score as number },
        { key: 'level', display: 'PAM level', value: s.level as number },
      ];
  }
}

export const observationId = (row: OutcomeMeasureRow, key: string) => `${row.id}.${key}`;

/** `<recording id>.<score>` → its parts, or null. */
export function parseObservationId(id: string): { recordingId: string; key: string } | null {
  const m = /^([0-9a-f-]{36})\.([A-Za-z0-9]{1,27})$/i.exec(id);
  return m ? { recordingId: m[1] as string, key: m[2] as string } : null;
}

export function toObservations(row: OutcomeMeasureRow): FhirResource[] {
  return scoresOf(row).map((score) => ({
    resourceType: 'Observation',
    id: observationId(row, score.key),
    meta: { versionId: '1', lastUpdated: row.recordedAt.toISOString() },
    basedOn: [{ reference: `ServiceRequest/${row.referralId}` }],
    status: 'final',
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' },
        ],
      },
    ],
    code: {
      coding: [{ system: WAYMARK_OUTCOME_SYSTEM, code: `${row.measure}-${score.key}`, display: score.display }],
      text: `${MEASURE_LABELS[row.measure]}: ${score.display} (${row.timepoint})`,
    },
    subject: { reference: `Patient/${row.personId}` },
    effectiveDateTime: row.administeredOn,
    issued: row.recordedAt.toISOString(),
    ...(Number.isInteger(score.value) ? { valueInteger: score.value } : { valueQuantity: { value: score.value } }),
    ...(score.interpretation ? { interpretation: [{ text: score.interpretation }] } : {}),
    derivedFrom: [{ reference: `QuestionnaireResponse/${row.id}` }],
  }));
}
