import { createHash } from 'node:crypto';
import type { GpMessage } from '../../../common/cases.js';
import { ETHNIC_CATEGORIES } from '../../../common/equality.js';
import { SNOMED } from '../../../common/referrals.js';
import type { GpMessageRecord } from '../cases/cases.service.js';
import {
  NHS_NUMBER_SYSTEM,
  ODS_SYSTEM,
  SNOMED_SYSTEM,
  WAYMARK_REASON_SYSTEM,
  WAYMARK_REFERRAL_SYSTEM,
} from './fhir-terms.js';

// The message back to the GP as a FHIR R4 message (issue 17 point 4), drawn from the same
// gp_messages row the web page shows: one source of truth. What it carries follows the person's
// consent to share: with it, the summary, the support given and the outcomes; without it, only
// the SNOMED CT-coded events (and who they are about), which the GP record must hold anyway.

/** The events of Waymark's message back (no national social prescribing message exists yet). */
export const WAYMARK_MESSAGE_EVENTS = 'https://waymark.example/CodeSystem/message-events';
export const WAYMARK_GP_MESSAGE_SYSTEM = 'https://waymark.example/Id/gp-message';
const WAYMARK_DOCUMENT_TYPES = 'https://waymark.example/CodeSystem/document-type';
const WAYMARK_OUTCOME_MEASURES = 'https://waymark.example/CodeSystem/outcome-measure';
// UK Core's ethnic category extension and code system (NHS Data Dictionary ETHNIC CATEGORY codes).
const UKCORE_ETHNICITY_EXTENSION = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory';
const UKCORE_ETHNICITY_SYSTEM = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland';

export const MESSAGE_BACK_EVENTS = {
  discharged: 'social-prescribing-discharge',
  person_declined: 'social-prescribing-declined',
  not_contactable: 'social-prescribing-not-contactable',
} as const;

function eventOf(m: GpMessage): { code: string; display: string } {
  if (m.dischargeReason === 'person_declined') {
    return { code: MESSAGE_BACK_EVENTS.person_declined, display: 'The person declined social prescribing' };
  }
  if (m.dischargeReason === 'not_contactable') {
    return { code: MESSAGE_BACK_EVENTS.not_contactable, display: 'The person could not be contacted' };
  }
  return { code: MESSAGE_BACK_EVENTS.discharged, display: 'Discharged from social prescribing' };
}

/** A stable UUID for each resource of one message, so every fetch and delivery is the same. */
function childId(messageId: string, name: string): string {
  const h = createHash('sha256').update(`${messageId}:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const narrative = (paragraphs: string[]) => ({
  status: 'generated',
  div: `<div xmlns="http://www.w3.org/1999/xhtml">${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</div>`,
});

const GENDER: Record<string, string> = { female: 'female', male: 'male' };

export interface MessageBackOptions {
  /** The FHIR base, e.g. https://waymark.example/fhir/R4. */
  baseUrl: string;
}

/** The FHIR message (Bundle type message) of one message back. */
export function messageBackBundle(record: GpMessageRecord, opts: MessageBackOptions) {
  const { message: m, referral, practice, pcn } = record;
  const shared = referral.consentToShare;
  const id = (name: string) => childId(m.id, name);
  const ref = (name: string) => `urn:uuid:${id(name)}`;
  const lastUpdated = record.createdAt.toISOString();
  const person = referral.person;
  const event = eventOf(m);

  const patient = {
    resourceType: 'Patient',
    id: id('patient'),
    ...(person.nhsNumber ? { identifier: [{ system: NHS_NUMBER_SYSTEM, value: person.nhsNumber }] } : {}),
    name: [{ use: 'official', family: person.familyName, given: [person.givenName] }],
    birthDate: person.dateOfBirth,
    // Identification only without consent to share; the rest of the demographics with it.
    ...(shared
      ? {
          gender: person.sex ? (GENDER[person.sex] ?? 'unknown') : undefined,
          ...(person.postcode ? { address: [{ use: 'home', postalCode: person.postcode }] } : {}),
          ...(person.ethnicity
            ? {
                extension: [
                  {
                    url: UKCORE_ETHNICITY_EXTENSION,
                    valueCodeableConcept: {
                      coding: [
                        {
                          system: UKCORE_ETHNICITY_SYSTEM,
                          code: person.ethnicity,
                          display: ETHNIC_CATEGORIES.find((c) => c.code === person.ethnicity)?.label,
                        },
                      ],
                    },
                  },
                ],
              }
            : {}),
        }
      : {}),
  };

  const organisation = (name: string, org: NonNullable<typeof pcn>) => ({
    resourceType: 'Organization',
    id: id(name),
    ...(org.code ? { identifier: [{ system: ODS_SYSTEM, value: org.code }] } : {}),
    name: org.name,
  });

  // The coded events: "referral to social prescribing service" is a procedure; the others
  // (declined: a situation) are observations.
  const coded = m.codes.map((c, i) => {
    const concept = { coding: [{ system: SNOMED_SYSTEM, code: c.code, display: c.display }], text: c.display };
    if (c.code === SNOMED.referralToSocialPrescribing) {
      return {
        resourceType: 'Procedure',
        id: id(`code-${i}`),
        status: 'completed',
        code: concept,
        subject: { reference: ref('patient') },
        ...(c.date ? { performedDateTime: c.date } : {}),
        basedOn: [{ reference: ref('service-request') }],
      };
    }
    return {
      resourceType: 'Observation',
      id: id(`code-${i}`),
      status: 'final',
      code: concept,
      subject: { reference: ref('patient') },
      ...(c.date ? { effectiveDateTime: c.date } : {}),
      basedOn: [{ reference: ref('service-request') }],
    };
  });

  const serviceRequest = {
    resourceType: 'ServiceRequest',
    id: id('service-request'),
    identifier: [{ system: WAYMARK_REFERRAL_SYSTEM, value: referral.id }],
    status:
      m.dischargeReason === 'person_declined' || m.dischargeReason === 'not_contactable' ? 'revoked' : 'completed',
    intent: 'order',
    code: {
      coding: [
        {
          system: SNOMED_SYSTEM,
          code: SNOMED.referralToSocialPrescribing,
          display: 'Referral to social prescribing service (procedure)',
        },
      ],
    },
    subject: { reference: ref('patient') },
    authoredOn: referral.receivedAt.toISOString(),
    ...(practice ? { requester: { reference: ref('practice') } } : {}),
    ...(pcn ? { performer: [{ reference: ref('pcn') }] } : {}),
    // Needs and concerns (PRSB part 2), with consent to share.
    ...(shared
      ? { reasonCode: referral.reasons.map((r) => ({ coding: [{ system: WAYMARK_REASON_SYSTEM, code: r }], text: r })) }
      : {}),
  };

  // Support given (PRSB part 3): each onward referral or signpost, with consent to share.
  const support = shared
    ? m.onwardReferrals.map((o, i) => ({
        resourceType: 'Procedure',
        id: id(`support-${i}`),
        status: o.kind === 'signpost' || o.outcome ? 'completed' : 'in-progress',
        code: {
          text: `${o.kindLabel ?? 'Referred'} to ${o.service}${o.organisation ? ` (${o.organisation})` : ''}`,
        },
        subject: { reference: ref('patient') },
        ...(o.at ? { performedDateTime: o.at } : {}),
        basedOn: [{ reference: ref('service-request') }],
        ...(o.organisation ? { performer: [{ actor: { display: o.organisation } }] } : {}),
        ...(o.outcome || o.sessionsAttended
          ? {
              outcome: {
                text: [
                  o.status,
                  o.outcome ? `outcome ${o.outcome}` : null,
                  o.sessionsAttended ? `${o.sessionsAttended} sessions attended` : null,
                ]
                  .filter(Boolean)
                  .join(', '),
              },
            }
          : {}),
      }))
    : [];

  // Outcomes (PRSB part 4): baseline → latest of each measure, with consent to share. No verified
  // SNOMED concepts exist for ONS4, SWEMWBS or UCLA-3 scores, so the measure is named in Waymark's system.
  const outcomes = shared
    ? (m.outcomeChange?.measures ?? []).flatMap((measure) =>
        measure.indicators.map((ind, j) => ({
          resourceType: 'Observation',
          id: id(`outcome-${measure.measure}-${j}`),
          status: 'final',
          category: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/observation-category',
                  code: 'survey',
                  display: 'Survey',
                },
              ],
            },
          ],
          code: {
            coding: [{ system: WAYMARK_OUTCOME_MEASURES, code: measure.measure, display: measure.label }],
            text: measure.indicators.length > 1 ? `${measure.label}: ${ind.label}` : measure.label,
          },
          subject: { reference: ref('patient') },
          effectiveDateTime: m.dischargedAt,
          valueQuantity: { value: ind.latest },
          component: [
            { code: { text: 'Baseline' }, valueQuantity: { value: ind.baseline } },
            { code: { text: 'Change from baseline' }, valueQuantity: { value: ind.change } },
          ],
          interpretation: [{ text: ind.direction }],
        })),
      )
    : [];

  const o = m.offered;
  const sections = [
    ...(shared
      ? [
          { title: 'Summary', text: narrative([m.dischargeReasonLabel, m.summary]) },
          {
            title: 'Support offered',
            text: narrative([
              `${o.attended} attended contact${o.attended === 1 ? '' : 's'} of ${o.contactsTotal} arranged${
                o.byMode.length > 0 ? `: ${o.byMode.map((b) => `${b.label.toLowerCase()} ${b.count}`).join(', ')}` : ''
              }.`,
              ...(support.length === 0 ? ['No onward referrals recorded.'] : support.map((s) => s.code.text)),
            ]),
            ...(support.length > 0 ? { entry: support.map((s) => ({ reference: `urn:uuid:${s.id}` })) } : {}),
          },
          {
            title: 'Outcomes',
            text: narrative(
              outcomes.length === 0
                ? ['No change can be shown: no outcome measure was recorded at baseline and again later.']
                : outcomes.map(
                    (ob) =>
                      `${ob.code.text}: ${ob.component[0]?.valueQuantity.value} to ${ob.valueQuantity.value} (${ob.interpretation[0]?.text})`,
                  ),
            ),
            ...(outcomes.length > 0 ? { entry: outcomes.map((ob) => ({ reference: `urn:uuid:${ob.id}` })) } : {}),
          },
        ]
      : []),
    {
      title: 'Coded events for the patient record',
      text: narrative(
        coded.length === 0
          ? [`${event.display}. No SNOMED CT code applies.`]
          : m.codes.map((c) => `SNOMED CT ${c.code} ${c.display}${c.date ? ` (${c.date.slice(0, 10)})` : ''}`),
      ),
      ...(coded.length > 0 ? { entry: coded.map((c) => ({ reference: `urn:uuid:${c.id}` })) } : {}),
    },
  ];

  const composition = {
    resourceType: 'Composition',
    id: id('composition'),
    identifier: { system: WAYMARK_GP_MESSAGE_SYSTEM, value: m.id },
    status: 'final',
    type: {
      coding: [
        {
          system: WAYMARK_DOCUMENT_TYPES,
          code: 'social-prescribing-message-back',
          display: 'Social prescribing message back',
        },
      ],
    },
    subject: { reference: ref('patient') },
    date: m.dischargedAt,
    author: [pcn ? { reference: ref('pcn') } : { display: 'The social prescribing team' }],
    title: `Social prescribing: ${event.display.toLowerCase()} (reference ${m.reference})`,
    ...(shared ? {} : { confidentiality: 'R' }),
    section: sections,
  };

  const header = {
    resourceType: 'MessageHeader',
    id: id('header'),
    eventCoding: { system: WAYMARK_MESSAGE_EVENTS, code: event.code, display: event.display },
    ...(practice
      ? {
          destination: [
            {
              name: practice.name,
              // The practice's own endpoint is not Waymark's to know: the ODS code names the receiver.
              endpoint: `urn:ods:${practice.code ?? practice.id}`,
              receiver: { reference: ref('practice') },
            },
          ],
        }
      : {}),
    ...(pcn ? { sender: { reference: ref('pcn') } } : {}),
    source: { name: 'Waymark', software: 'Waymark', endpoint: opts.baseUrl },
    reason: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/message-reasons-encounter', code: 'discharge' }],
    },
    focus: [{ reference: ref('composition') }],
  };

  const resources = [
    header,
    composition,
    patient,
    serviceRequest,
    ...(practice ? [organisation('practice', practice)] : []),
    ...(pcn ? [organisation('pcn', pcn)] : []),
    ...coded,
    ...support,
    ...outcomes,
  ];
  return {
    resourceType: 'Bundle',
    id: m.id,
    meta: { versionId: '1', lastUpdated },
    identifier: { system: WAYMARK_GP_MESSAGE_SYSTEM, value: m.id },
    type: 'message',
    timestamp: lastUpdated,
    entry: resources.map((r) => ({ fullUrl: `urn:uuid:${r.id}`, resource: r })),
  };
}

export type MessageBackBundle = ReturnType<typeof messageBackBundle>;
