import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { formatPostcode } from '../../../common/postcode';
import type { SelfReferralAnswers } from '../../../common/self-referral';
import { isProblemAnswer } from '../../ui/api-problem';
import { BackLink } from '../../ui/BackLink';
import { Button } from '../../ui/Button';
import { ErrorSummary, type SummaryError } from '../../ui/ErrorSummary';
import { phrase } from '../../ui/form-errors';
import { usePageTitle } from '../../ui/use-page-title';
import { CHECK, FIELD_LABELS, GROUP as G, QUESTIONS as Q } from './copy';
import { listReasons, readJourney, saveJourney, sendReferral, startPath, stepAsking, stepsFor } from './journey';

const CONTACT_WORDS: Record<string, string> = {
  phone: Q.contact.phone,
  text: Q.contact.text,
  email: Q.contact.email,
  letter: Q.contact.letter,
};

function formatBirth(iso: string | undefined) {
  if (!iso) return '';
  const date = new Date(`${iso}T12:00:00Z`);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** Each answer as a row, with the page that asks it (for its Change link). */
function rows(
  a: SelfReferralAnswers,
  practiceName: string | undefined,
  reasonWords: Map<string, string>,
  toGroup: boolean,
) {
  const list: { key: string; value: string; step: string }[] = [
    { key: 'Who you are referring', value: a.forWhom === 'someone_else' ? Q.who.someoneElse : Q.who.self, step: 'who' },
  ];
  if (a.forWhom === 'someone_else') {
    list.push({
      key: 'About you',
      value: [a.onBehalfName, a.onBehalfRelationship, a.onBehalfPhone, a.onBehalfEmail].filter(Boolean).join(', '),
      step: 'about-you',
    });
  }
  list.push(
    { key: 'Name', value: `${a.givenName ?? ''} ${a.familyName ?? ''}`.trim(), step: 'name' },
    { key: 'Date of birth', value: formatBirth(a.dateOfBirth), step: 'date-of-birth' },
    { key: 'Postcode', value: formatPostcode(a.postcode), step: 'postcode' },
  );
  if (!toGroup) {
    list.push({ key: 'GP surgery', value: a.practiceUnknown ? Q.gp.unknown : (practiceName ?? 'Chosen'), step: 'gp' });
  }
  list.push(
    {
      key: 'How to contact',
      value: [CONTACT_WORDS[a.preferredContact ?? ''], a.preferredContact === 'email' ? a.email : a.phone]
        .filter(Boolean)
        .join(': '),
      step: 'contact',
    },
    { key: 'Good times to contact', value: a.contactTimes || 'Not given', step: 'contact-times' },
    toGroup
      ? { key: G.help, value: a.details || 'Nothing', step: 'for-the-group' }
      : {
          key: 'Help with',
          value: [...(a.reasons ?? []).map((r) => reasonWords.get(r) ?? r), a.details].filter(Boolean).join('. '),
          step: 'help',
        },
    {
      key: 'Taking part',
      value: [a.language || 'English', a.interpreterNeeded ? Q.access.interpreter : null, a.accessibilityNeeds]
        .filter(Boolean)
        .join('. '),
      step: 'access-needs',
    },
    toGroup
      ? { key: G.sharing, value: a.consentToShare ? Q.consent.yes : Q.consent.no, step: 'share-with-group' }
      : { key: 'Share details with groups', value: a.consentToShare ? Q.consent.yes : Q.consent.no, step: 'consent' },
  );
  return list;
}

/** Check your answers, then send: the one request that stores anything. */
export function CheckAnswersPage() {
  usePageTitle(CHECK.title);
  const navigate = useNavigate();
  const [journey, setJourney] = useState(readJourney);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [busy, setBusy] = useState(false);
  const [website, setWebsite] = useState('');
  const reasons = useQuery({ queryKey: ['self-referral', 'reasons'], queryFn: listReasons, staleTime: 300_000 });
  const reasonWords = new Map((reasons.data?.reasons ?? []).map((r) => [r.code, r.words]));
  // One key for this set of answers: a double click, or a retry after a lost answer, makes one referral.
  useEffect(() => {
    if (!journey.idempotencyKey) {
      const kept = { ...journey, idempotencyKey: crypto.randomUUID() };
      saveJourney(kept);
      setJourney(kept);
    }
  }, [journey]);
  const { group } = journey;
  if (!journey.formToken) return <Navigate to={startPath(group)} replace />;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const { reference } = await sendReferral(journey, website);
      const channel = journey.answers.preferredContact;
      saveJourney({
        answers: {},
        reference,
        messagedBy: channel === 'text' || channel === 'email' ? channel : null,
        ...(group ? { group } : {}),
      });
      navigate('/self-referral/confirmation');
    } catch (error) {
      const problem = isProblemAnswer(error) ? error.problem : null;
      const fieldErrors = problem?.errors ?? [];
      setErrors(
        fieldErrors.length > 0
          ? fieldErrors.map((e) => ({
              message: phrase(FIELD_LABELS[e.field] ?? e.field, e.message),
              href:
                e.field === 'formToken' || e.field === 'serviceId'
                  ? startPath(group)
                  : `/self-referral/${stepAsking(e.field, group)?.slug ?? 'who'}?change`,
            }))
          : [{ message: problem?.detail ?? 'Sorry, something went wrong. Check your connection and try again.' }],
      );
    } finally {
      setBusy(false);
    }
  }

  const last = stepsFor(journey.answers, group).at(-1)?.slug ?? 'consent';
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackLink to={`/self-referral/${last}`}>Back</BackLink>
        <ErrorSummary errors={errors} revision={errors} />
        {group && (
          <span className="nhsuk-caption-l">
            {G.caption} {group.name}
          </span>
        )}
        <h1>{CHECK.title}</h1>
        <p>{CHECK.lede}</p>
        <dl className="nhsuk-summary-list">
          {rows(journey.answers, journey.practiceName, reasonWords, !!group).map((row) => (
            <div className="nhsuk-summary-list__row" key={row.key}>
              <dt className="nhsuk-summary-list__key">{row.key}</dt>
              <dd className="nhsuk-summary-list__value waymark-break">{row.value}</dd>
              <dd className="nhsuk-summary-list__actions">
                <Link to={`/self-referral/${row.step}?change`}>
                  {CHECK.change}
                  <span className="nhsuk-u-visually-hidden"> {row.key.toLowerCase()}</span>
                </Link>
              </dd>
            </div>
          ))}
        </dl>
        <form noValidate onSubmit={onSubmit}>
          {/* A field people never see: anything typed here is a bot's (the server keeps nothing). */}
          <div className="waymark-honeypot" aria-hidden="true">
            <label htmlFor="website">Website</label>
            <input
              id="website"
              name="website"
              type="text"
              tabIndex={-1}
              autoComplete="off"
              value={website}
              onChange={(e) => setWebsite(e.target.value)}
            />
          </div>
          <p>{group ? G.checkNotice : CHECK.notice}</p>
          <Button aria-disabled={busy || undefined}>{busy ? CHECK.sending : CHECK.send}</Button>
        </form>
      </div>
    </div>
  );
}
