import type { ReferralView } from '../../../common/api-types';
import { formatNhsNumber } from '../../../common/nhs-number';
import { SummaryList } from '../../ui/SummaryList';
import { formatDate, formatWhen } from '../referrals/referral-format';
import { COMPLEXITY_LABELS, PAM_LABELS, PRIORITY_LABELS, ROLE_CHOICES } from './triage-labels';

const CONTACT_LABELS: Record<string, string> = {
  phone: 'Phone',
  email: 'Email',
  text: 'Text message',
  letter: 'Letter',
};
const SOURCE_LABELS: Record<ReferralView['source'], string> = {
  practice: 'GP practice',
  professional: 'Another professional',
  self: 'Self-referral',
};

/** How to reach the person and what helps them: on the referral and beside the contact form. */
function contactRows(p: ReferralView['person']) {
  return [
    { key: 'Preferred contact', value: CONTACT_LABELS[p.preferredContact] ?? p.preferredContact },
    { key: 'Phone', value: p.phone ?? 'Not given' },
    { key: 'Email', value: p.email ? <span className="waymark-break">{p.email}</span> : 'Not given' },
    { key: 'Postcode', value: p.postcode ?? 'Not given' },
    { key: 'Language', value: `${p.language}${p.interpreterNeeded ? ' (needs an interpreter)' : ''}` },
    {
      key: 'Accessibility needs',
      value: p.accessibilityNeeds ? <span className="waymark-free-text">{p.accessibilityNeeds}</span> : 'None given',
    },
  ];
}

/** The person, as the team needs them to make contact. */
export function PersonDetails({ r }: { r: ReferralView }) {
  const p = r.person;
  return (
    <SummaryList
      rows={[
        { key: 'Name', value: `${p.givenName} ${p.familyName}` },
        { key: 'NHS number', value: p.nhsNumber ? formatNhsNumber(p.nhsNumber) : 'Not given' },
        { key: 'Date of birth', value: formatDate(p.dateOfBirth) },
        ...contactRows(p),
      ]}
    />
  );
}

/** What the worker needs beside the contact form. */
export function ContactDetails({ r }: { r: ReferralView }) {
  return <SummaryList rows={contactRows(r.person)} />;
}

/** What the referrer said. Free text is shown exactly as typed and never interpreted as markup. */
export function ReferralRequest({ r }: { r: ReferralView }) {
  const from =
    r.source === 'practice'
      ? [r.practice?.name, r.referrerName].filter(Boolean).join(': ')
      : [r.referrerName, r.referrerOrganisation].filter(Boolean).join(', ');
  return (
    <SummaryList
      rows={[
        { key: 'Referred by', value: `${SOURCE_LABELS[r.source]}${from ? ` (${from})` : ''}` },
        { key: 'Received', value: formatWhen(r.receivedAt) },
        {
          key: 'Reasons',
          value: (
            <ul className="nhsuk-list">
              {r.reasons.map((reason) => (
                <li key={reason.code}>{reason.label}</li>
              ))}
            </ul>
          ),
        },
        {
          key: 'Details',
          value: r.details ? <p className="waymark-free-text nhsuk-u-margin-bottom-0">{r.details}</p> : 'None given',
        },
        { key: 'Urgency asked for', value: PRIORITY_LABELS[r.urgencyRequested] },
        { key: 'Safeguarding concern', value: r.safeguardingConcern ? 'Yes' : 'No' },
        { key: 'Consent to share with partners', value: r.consentToShare ? 'Yes' : 'No' },
        ...selfReferralRows(r),
      ]}
    />
  );
}

/** What a self-referral adds: when to call, who referred on the person's behalf, how it was routed. */
function selfReferralRows(r: ReferralView) {
  const s = r.selfReferral;
  if (!s) return [];
  const behalf = s.onBehalf;
  return [
    ...(r.spamMarkedAt ? [{ key: 'Marked as spam', value: formatWhen(r.spamMarkedAt) }] : []),
    { key: 'Best time to contact', value: s.contactTimes ?? 'Not given' },
    {
      key: 'Referred on their behalf',
      value: behalf
        ? `${behalf.name} (${behalf.relationship}), ${[behalf.phone, behalf.email].filter(Boolean).join(', ')}. They said the person agreed to this referral.`
        : 'No: the person referred themselves',
    },
    {
      key: 'GP surgery',
      value: s.practiceFromPostcode
        ? 'Not known: sent to this PCN because it has the surgery nearest their postcode'
        : 'Given by the person',
    },
  ];
}

/** The triage decision, once made. */
export function TriageDecisionDetails({ r }: { r: ReferralView }) {
  if (!r.triagedAt) return null;
  const role = ROLE_CHOICES.find((c) => c.value === r.recommendedRole);
  return (
    <SummaryList
      rows={[
        { key: 'Priority', value: r.priority ? PRIORITY_LABELS[r.priority] : 'Not set' },
        { key: 'Complexity', value: r.complexity ? COMPLEXITY_LABELS[r.complexity] : 'Not set' },
        { key: 'Predicted PAM level', value: r.predictedPam ? PAM_LABELS[r.predictedPam] : 'Not set' },
        { key: 'Simple signposting only', value: r.signpostingOnly ? 'Yes' : 'No' },
        { key: 'Recommended role', value: role ? role.label : 'Left to the allocation rules' },
        {
          key: 'Triage notes',
          value: r.triageNotes ? <span className="waymark-free-text">{r.triageNotes}</span> : 'None',
        },
        { key: 'Triaged', value: formatWhen(r.triagedAt) },
        { key: 'First contact due by', value: r.firstContactDueAt ? formatWhen(r.firstContactDueAt) : 'Not set' },
        ...(r.allocatedWorker
          ? [{ key: 'Allocated to', value: `${r.allocatedWorker.name} (${r.allocatedWorker.role})` }]
          : []),
        ...(r.coverWorker ? [{ key: 'Covered by', value: `${r.coverWorker.name} (${r.coverWorker.role})` }] : []),
      ]}
    />
  );
}
