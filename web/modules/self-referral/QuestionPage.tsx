import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import type { SelfReferralAnswers } from '../../../common/self-referral';
import { NotFoundPage } from '../../app/NotFoundPage';
import { BackLink } from '../../ui/BackLink';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { type FormErrors, hasErrors, NO_ERRORS, phrase, summaryOf } from '../../ui/form-errors';
import { usePageTitle } from '../../ui/use-page-title';
import { FIELD_LABELS, GROUP as G, QUESTIONS } from './copy';
import { checkAnswers, nextPath, previousPath, readJourney, saveJourney, startPath, stepOf } from './journey';
import { STEP_FIELDS, stepTitle } from './StepFields';

/**
 * One question page of the self-referral (/self-referral/:step). Continue asks the API to check
 * this page's answers (nothing is stored), shows its errors beside the fields, or moves on. From
 * the check-answers page (?change) it goes back there.
 */
export function QuestionPage() {
  const { step: slug } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const [journey, setJourney] = useState(readJourney);
  const { group } = journey;
  const step = stepOf(slug, group);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  usePageTitle(step ? stepTitle(step.slug, journey.answers) : 'Page not found', hasErrors(errors));
  if (!step) return <NotFoundPage />;
  // The journey begins on its start page, which times it.
  if (!journey.formToken) return <Navigate to={startPath(group)} replace />;
  const Fields = STEP_FIELDS[step.slug] as (typeof STEP_FIELDS)[string];
  const changing = search.has('change');

  const set = (change: Partial<SelfReferralAnswers>) =>
    setJourney((j) => ({ ...j, answers: { ...j.answers, ...change } }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (busy || !step) return;
    setBusy(true);
    try {
      const answers = { ...journey.answers };
      // A person referring themselves has no "about you" answers to keep.
      if (answers.forWhom === 'self') {
        for (const f of [
          'onBehalfName',
          'onBehalfRelationship',
          'onBehalfPhone',
          'onBehalfEmail',
          'personAgreed',
        ] as const)
          delete answers[f];
      }
      const { errors: found } = await checkAnswers(answers, step.fields, group);
      if (found.length > 0) {
        const fields: Record<string, string> = {};
        for (const e of found) fields[e.field] ??= phrase(FIELD_LABELS[e.field] ?? e.field, e.message);
        setErrors({ fields, form: null });
        return;
      }
      const kept = { ...journey, answers };
      saveJourney(kept);
      navigate(changing ? '/self-referral/check' : nextPath(step.slug, answers, group));
    } catch {
      setErrors({ fields: {}, form: 'Sorry, something went wrong. Check your connection and try again.' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackLink to={changing ? '/self-referral/check' : previousPath(step.slug, journey.answers, group)}>
          Back
        </BackLink>
        <ErrorSummary errors={summaryOf(errors, step.fields)} revision={errors} />
        {group && (
          <span className="nhsuk-caption-l">
            {G.caption} {group.name}
          </span>
        )}
        <form noValidate onSubmit={onSubmit}>
          <Fields
            answers={journey.answers}
            set={set}
            errors={errors.fields}
            onPracticeName={(practiceName) => setJourney((j) => ({ ...j, practiceName }))}
          />
          <Button aria-disabled={busy || undefined}>{QUESTIONS.continue}</Button>
        </form>
      </div>
    </div>
  );
}
