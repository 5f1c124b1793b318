import {
  BARS_EVENTS_SYSTEM,
  EVENT_REQUEST,
  NHS_NUMBER_SYSTEM,
  ODS_SYSTEM,
  WAYMARK_REASON_SYSTEM,
  WAYMARK_REFERRAL_SYSTEM,
} from './fhir-terms.js';
import { FhirError, type Issue } from './operation-outcome.js';

// A BaRS-style referral message (Bundle of type `message`) read into the body of Waymark's own
// referral intake, remembering where in the Bundle each of its fields came from, so that the
// intake's errors (`person.dateOfBirth: must not be in the future`) are answered at the element
// the sender wrote (`Bundle.entry[2].resource.birthDate`). Only mapping: every rule about a
// referral is the intake's.

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export interface ReferralMessage {
  bundleId: string;
  /** The request's MessageHeader id (the response names it). */
  messageHeaderId: string;
  /** A new referral, or (ServiceRequest.status `revoked`) the sender cancelling one it sent. */
  kind: 'new' | 'revoke';
  /** The sender's id of the ServiceRequest (its resource id): a later revoke names it again. */
  serviceRequestId: string;
  /** Waymark's referral id, if the sender quotes the identifier Waymark answered with. */
  waymarkReferralId: string | null;
  /** The referring practice's ODS code (the requester Organization), if given. */
  requesterOdsCode: string | null;
  requesterOdsPath: string;
  referrer: { referrerName: string | null; referrerOrganisation: string | null; referrerContact: string | null };
  /** The body for Waymark's referral intake (validated there). */
  body: Json;
  /** Where each intake field came from: intake field → FHIRPath. */
  paths: Map<string, string>;
}

interface Entry {
  index: number;
  resource: Json;
  fullUrl: string | undefined;
}

const PRIORITY: Record<string, string> = { routine: 'routine', urgent: 'urgent', asap: 'urgent', stat: 'urgent' };
const SEX: Record<string, string> = { male: 'male', female: 'female', other: 'not_stated', unknown: 'not_stated' };

/** The referral message read from a parsed JSON body; every structural problem at once (400). */
export function readReferralMessage(bundle: unknown): ReferralMessage {
  const issues: Issue[] = [];
  const fail = (code: Issue['code'], expression: string, diagnostics: string) => {
    issues.push({ code, expression, diagnostics });
  };
  if (!isObject(bundle) || bundle.resourceType !== 'Bundle') {
    throw new FhirError(400, [
      {
        code: 'structure',
        expression: 'Bundle',
        diagnostics: 'The body must be a FHIR Bundle (resourceType "Bundle").',
      },
    ]);
  }
  if (bundle.type !== 'message') fail('value', 'Bundle.type', 'must be "message"');
  const bundleId = str(bundle.id);
  if (!bundleId) fail('required', 'Bundle.id', 'is required: it identifies the message, so that a retry is recognised');
  else if (!/^[A-Za-z0-9\-.]{1,64}$/.test(bundleId))
    fail('value', 'Bundle.id', 'must be a FHIR id (1–64 letters, digits, "-" or ".")');

  const entries: Entry[] = arr(bundle.entry).flatMap((e, index) =>
    isObject(e) && isObject(e.resource) ? [{ index, resource: e.resource, fullUrl: str(e.fullUrl) }] : [],
  );
  if (!Array.isArray(bundle.entry) || bundle.entry.length === 0) {
    fail('required', 'Bundle.entry', 'is required: a MessageHeader first, then the resources of the referral');
  }
  for (const [index, e] of arr(bundle.entry).entries()) {
    if (!isObject(e) || !isObject(e.resource)) fail('structure', `Bundle.entry[${index}]`, 'must hold a resource');
  }
  const at = (e: Entry, element?: string) => `Bundle.entry[${e.index}].resource${element ? `.${element}` : ''}`;
  const ofType = (type: string) => entries.filter((e) => e.resource.resourceType === type);
  const resolve = (ref: unknown, type: string): Entry | undefined => {
    const reference = isObject(ref) ? str(ref.reference) : undefined;
    if (!reference) return undefined;
    return entries.find(
      (e) =>
        e.resource.resourceType === type &&
        (e.fullUrl === reference ||
          `${type}/${str(e.resource.id)}` === reference ||
          (e.fullUrl?.endsWith(`/${reference}`) ?? false)),
    );
  };

  // The MessageHeader: first, with the BaRS event, its focus the ServiceRequest.
  const header = entries[0]?.resource.resourceType === 'MessageHeader' ? entries[0] : undefined;
  if (!header && entries.length > 0) fail('structure', 'Bundle.entry[0].resource', 'must be the MessageHeader');
  if (header) {
    const ev = header.resource.eventCoding;
    if (!isObject(ev) || str(ev.system) !== BARS_EVENTS_SYSTEM || str(ev.code) !== EVENT_REQUEST) {
      fail(
        'not-supported',
        at(header, 'eventCoding'),
        `must be ${EVENT_REQUEST} from ${BARS_EVENTS_SYSTEM}: the only message event this service receives (a referral, or its cancellation as ServiceRequest.status revoked)`,
      );
    }
  }
  const serviceRequests = ofType('ServiceRequest');
  const sr = (header && resolve(arr(header.resource.focus)[0], 'ServiceRequest')) ?? serviceRequests[0];
  if (!sr)
    fail('required', 'Bundle.entry', 'must include a ServiceRequest (the referral), the focus of the MessageHeader');
  const patient = (sr && resolve(sr.resource.subject, 'Patient')) ?? ofType('Patient')[0];
  if (!patient)
    fail('required', 'Bundle.entry', 'must include a Patient (the person referred), the subject of the ServiceRequest');

  const serviceRequestId = sr ? str(sr.resource.id) : undefined;
  if (sr && !serviceRequestId)
    fail('required', at(sr, 'id'), 'is required: it names the referral in later messages (a cancellation)');
  const status = sr ? str(sr.resource.status) : undefined;
  if (sr && status !== 'active' && status !== 'revoked') {
    fail('value', at(sr, 'status'), 'must be "active" (a new referral) or "revoked" (cancelling one sent before)');
  }
  const waymarkId = sr
    ? arr(sr.resource.identifier).find((i) => isObject(i) && str(i.system) === WAYMARK_REFERRAL_SYSTEM)
    : undefined;
  if (issues.length > 0 || !header || !sr || !patient || !bundleId || !serviceRequestId)
    throw new FhirError(400, issues);

  const paths = new Map<string, string>();
  const body: Json = {};
  const person: Json = {};
  body.person = person;

  // Patient → the person referred.
  const identifiers = arr(patient.resource.identifier);
  const nhsIndex = identifiers.findIndex((i) => isObject(i) && str(i.system) === NHS_NUMBER_SYSTEM);
  const nhsValue = nhsIndex >= 0 ? (identifiers[nhsIndex] as Json).value : undefined;
  person.nhsNumber = typeof nhsValue === 'string' ? nhsValue : nhsValue;
  paths.set(
    'person.nhsNumber',
    nhsIndex >= 0 ? at(patient, `identifier[${nhsIndex}].value`) : at(patient, 'identifier'),
  );
  paths.set('person.noNhsNumber', at(patient, 'identifier'));
  const names = arr(patient.resource.name);
  const nameIndex = Math.max(
    0,
    names.findIndex((n) => isObject(n) && n.use === 'official'),
  );
  const name = isObject(names[nameIndex]) ? (names[nameIndex] as Json) : {};
  person.givenName =
    arr(name.given)
      .filter((g) => typeof g === 'string')
      .join(' ') || undefined;
  person.familyName = name.family;
  paths.set('person.givenName', at(patient, `name[${nameIndex}].given`));
  paths.set('person.familyName', at(patient, `name[${nameIndex}].family`));
  person.dateOfBirth = patient.resource.birthDate;
  paths.set('person.dateOfBirth', at(patient, 'birthDate'));
  const addresses = arr(patient.resource.address);
  const addrIndex = Math.max(
    0,
    addresses.findIndex((a) => isObject(a) && a.use === 'home'),
  );
  if (isObject(addresses[addrIndex])) person.postcode = (addresses[addrIndex] as Json).postalCode;
  paths.set('person.postcode', at(patient, `address[${addrIndex}].postalCode`));
  const telecom = arr(patient.resource.telecom)
    .map((t, i) => ({ t: isObject(t) ? t : {}, i }))
    .sort((a, b) => (Number(a.t.rank) || 99) - (Number(b.t.rank) || 99));
  const phone = telecom.find(({ t }) => t.system === 'phone' || t.system === 'sms');
  const email = telecom.find(({ t }) => t.system === 'email');
  if (phone) {
    person.phone = phone.t.value;
    paths.set('person.phone', at(patient, `telecom[${phone.i}].value`));
  }
  if (email) {
    person.email = email.t.value;
    paths.set('person.email', at(patient, `telecom[${email.i}].value`));
  }
  const first = telecom[0]?.t;
  person.preferredContact =
    first?.system === 'email' ? 'email' : first?.system === 'sms' ? 'text' : first ? 'phone' : 'letter';
  paths.set('person.preferredContact', at(patient, 'telecom'));
  const gender = str(patient.resource.gender);
  if (gender && SEX[gender]) person.sex = SEX[gender];
  paths.set('person.sex', at(patient, 'gender'));
  const language = arr(patient.resource.communication).find((c) => isObject(c) && c.preferred === true);
  const languageText = isObject(language) && isObject(language.language) ? str(language.language.text) : undefined;
  if (languageText) person.language = languageText;

  // ServiceRequest → the referral.
  body.source = 'practice';
  const reasonCodes = arr(sr.resource.reasonCode);
  body.reasons = reasonCodes.flatMap((rc) =>
    isObject(rc)
      ? arr(rc.coding).flatMap((c) => (isObject(c) && str(c.system) === WAYMARK_REASON_SYSTEM ? [c.code] : []))
      : [],
  );
  paths.set('reasons', at(sr, 'reasonCode'));
  const priority = str(sr.resource.priority) ?? 'routine';
  body.urgencyRequested = PRIORITY[priority] ?? priority;
  paths.set('urgencyRequested', at(sr, 'priority'));
  const notes = arr(sr.resource.note).flatMap((n) => (isObject(n) && str(n.text) ? [str(n.text) as string] : []));
  // Conditions and questionnaire answers travel with the referral as its details, in words.
  for (const c of ofType('Condition')) {
    const text = isObject(c.resource.code) ? (str(c.resource.code.text) ?? codingDisplay(c.resource.code)) : undefined;
    if (text) notes.push(`Condition: ${text}`);
  }
  for (const q of ofType('QuestionnaireResponse')) notes.push(...questionnaireLines(q.resource));
  if (notes.length > 0) body.details = notes.join('\n');
  paths.set('details', at(sr, 'note'));
  const flags = ofType('Flag').filter((f) => str(f.resource.status) === 'active');
  body.safeguardingConcern = flags.some((f) => /safeguard/i.test(JSON.stringify(f.resource.code ?? '')));

  // Consent: to the referral (scope treatment), and to sharing (scope patient-privacy).
  const consents = ofType('Consent');
  const permits = (c: Entry, scope: string) =>
    str(c.resource.status) === 'active' &&
    (!isObject(c.resource.provision) || c.resource.provision.type !== 'deny') &&
    JSON.stringify(c.resource.scope ?? '').includes(`"${scope}"`);
  const consentTo = consents.find((c) => permits(c, 'treatment'));
  body.consentToReferral = consentTo !== undefined;
  paths.set('consentToReferral', consents[0] ? at(consents[0], 'status') : 'Bundle.entry');
  if (!consents[0]) paths.set('consentToReferral', 'Bundle.entry');
  body.consentToShare = consents.some((c) => permits(c, 'patient-privacy'));

  // The requester: a Practitioner (PractitionerRole) of an Organization with an ODS code.
  const requester = sr.resource.requester;
  const practitionerRole = resolve(requester, 'PractitionerRole');
  const practitioner =
    resolve(requester, 'Practitioner') ??
    (practitionerRole && resolve(practitionerRole.resource.practitioner, 'Practitioner')) ??
    ofType('Practitioner')[0];
  const organisation =
    resolve(requester, 'Organization') ??
    (practitionerRole && resolve(practitionerRole.resource.organization, 'Organization')) ??
    ofType('Organization').find((o) => odsOf(o.resource));
  const practitionerName = practitioner ? humanName(practitioner.resource) : null;
  const practitionerContact = practitioner
    ? (arr(practitioner.resource.telecom).flatMap((t) =>
        isObject(t) && str(t.value) ? [str(t.value) as string] : [],
      )[0] ?? null)
    : null;
  const ods = organisation ? odsOf(organisation.resource) : undefined;
  const requesterOdsPath = organisation
    ? at(organisation, `identifier[${ods?.index ?? 0}].value`)
    : at(sr, 'requester');
  // A PCN's system names the referring practice by this ODS code (placed as the intake's practiceId).
  paths.set('practiceId', requesterOdsPath);

  return {
    bundleId,
    messageHeaderId: str(header.resource.id) ?? bundleId,
    kind: status === 'revoked' ? 'revoke' : 'new',
    serviceRequestId,
    waymarkReferralId: isObject(waymarkId) ? (str(waymarkId.value) ?? null) : null,
    requesterOdsCode: ods?.value ?? null,
    requesterOdsPath,
    referrer: {
      referrerName: practitionerName?.slice(0, 120) ?? null,
      referrerOrganisation: organisation ? (str(organisation.resource.name)?.slice(0, 200) ?? null) : null,
      referrerContact: practitionerContact?.slice(0, 200) ?? null,
    },
    body,
    paths,
  };
}

function odsOf(resource: Json): { value: string; index: number } | undefined {
  const ids = arr(resource.identifier);
  const index = ids.findIndex((i) => isObject(i) && str(i.system) === ODS_SYSTEM && str(i.value));
  return index >= 0 ? { value: str((ids[index] as Json).value) as string, index } : undefined;
}

function humanName(resource: Json): string | null {
  const n = arr(resource.name).find(isObject);
  if (!n) return null;
  const text = str(n.text);
  if (text) return text;
  const parts = [...arr(n.prefix), ...arr(n.given), n.family].filter((p): p is string => typeof p === 'string');
  return parts.join(' ').trim() || null;
}

function codingDisplay(concept: Json): string | undefined {
  const c = arr(concept.coding).find((x) => isObject(x) && str(x.display));
  return isObject(c) ? str(c.display) : undefined;
}

function questionnaireLines(qr: Json): string[] {
  const lines: string[] = [];
  const walk = (items: unknown[]) => {
    for (const item of items) {
      if (!isObject(item)) continue;
      const answers = arr(item.answer).flatMap((a) => {
        if (!isObject(a)) return [];
        const v =
          a.valueString ??
          a.valueBoolean ??
          a.valueInteger ??
          a.valueDecimal ??
          a.valueDate ??
          (isObject(a.valueCoding) ? (a.valueCoding.display ?? a.valueCoding.code) : undefined);
        return v === undefined ? [] : [String(v)];
      });
      const question = str(item.text) ?? str(item.linkId);
      if (question && answers.length > 0) lines.push(`${question}: ${answers.join(', ')}`);
      walk(arr(item.item));
    }
  };
  walk(arr(qr.item));
  return lines;
}
