import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { type CarePlanContent, type CarePlanView, EMPTY_PLAN, PLAN_FIELD_LABELS } from '../../../common/care-plan';
import { ApiError } from '../../app/api';
import { NotFoundPage } from '../../app/NotFoundPage';
import { hasPermission, useSignedInMe } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { fieldBinder } from '../../ui/field-binder';
import { type FormErrors, NO_ERRORS } from '../../ui/form-errors';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import { carePlanKey, fetchCarePlan, saveCarePlan, useCarePlan } from './care-plans-api';
import { DateField, TextArea } from './PlanFields';
import { ActionsSection, GoalsSection, NeedsSection } from './PlanSections';
import { PlanSummary } from './PlanSummary';
import { type Draft, fieldId, fromDraft, toDraft } from './plan-draft';
import { fieldLabel, versionLine } from './plan-format';
import './care-plans.css';

/** The person's one personalised care and support plan, shared by the whole team: view and edit. */
export function CarePlanPage() {
  const { personId = '' } = useParams();
  const { data, error, isPending } = useCarePlan(personId);
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  usePageTitle(
    notFound
      ? 'Page not found'
      : data
        ? `Care and support plan for ${data.person.givenName} ${data.person.familyName}`
        : 'Care and support plan',
  );
  if (notFound) return <NotFoundPage />;
  if (error) return <ServiceProblem error={error} />;
  if (isPending) return <Loading what="the plan" />;
  return <PlanEditor personId={personId} view={data} />;
}

/** The server's words as they are: the summary puts each field's label before its message. */
function planErrors(e: unknown): FormErrors {
  if (e instanceof ApiError && e.status === 400) {
    return {
      fields: Object.fromEntries(e.fieldErrors.map((fe) => [fe.field, fe.message])),
      form: e.fieldErrors.length ? null : e.problem.detail,
    };
  }
  return { fields: {}, form: e instanceof ApiError ? e.problem.detail : 'Sorry, something went wrong.' };
}

interface Conflict {
  message: string;
  latest: CarePlanView | null;
}

function PlanEditor({ personId, view }: { personId: string; view: CarePlanView }) {
  const me = useSignedInMe();
  const queryClient = useQueryClient();
  const canWrite = hasPermission(me, 'careplan.write');
  // The version this draft is based on: a save is refused (409) if someone saved after it.
  const [baseVersion, setBaseVersion] = useState(view.plan?.version ?? 0);
  const [draft, setDraft] = useState<Draft>(() => toDraft(view.plan?.content ?? EMPTY_PLAN));
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { submit, busy, errors, setErrors } = useSubmit({
    mutationFn: (content: CarePlanContent) => saveCarePlan(personId, baseVersion, content),
    labels: {},
    errorsFrom: planErrors,
    onSuccess: (saved: CarePlanView) => {
      queryClient.setQueryData(carePlanKey(personId), saved);
      void queryClient.invalidateQueries({ queryKey: [...carePlanKey(personId), 'versions'] });
      setBaseVersion(saved.plan?.version ?? baseVersion);
      setConflict(null);
      setNotice(`Plan saved as version ${saved.plan?.version}`);
      window.scrollTo(0, 0);
    },
    onConflict: async (message) => {
      // Keep the draft exactly as typed; fetch the newer version so the user can compare.
      const latest = await queryClient
        .fetchQuery({ queryKey: carePlanKey(personId), queryFn: () => fetchCarePlan(personId), staleTime: 0 })
        .catch(() => null);
      setErrors(NO_ERRORS);
      setConflict({ message, latest });
    },
  });
  const conflictRef = useRef<HTMLDivElement>(null);
  const who = `${view.person.givenName} ${view.person.familyName}`;
  const current = view.plan;

  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const paths = { id: fieldId, error: (field: string) => errors.fields[field] };
  const section = { draft, set, paths };
  const bind = fieldBinder(draft, set, paths);
  const summary = [
    ...(errors.form ? [{ message: errors.form }] : []),
    ...Object.entries(errors.fields).map(([field, message]) => ({
      fieldId: /(Date|date|On|byWhen)$/.test(field) ? `${fieldId(field)}-day` : fieldId(field),
      message: `${fieldLabel(field)} ${message}`,
    })),
  ];

  function save(event: React.FormEvent) {
    event.preventDefault();
    setNotice(null);
    const { content, errors: fieldErrors } = fromDraft(draft);
    if (Object.keys(fieldErrors).length > 0) {
      setErrors({ fields: fieldErrors, form: null });
      return;
    }
    void submit(content);
  }

  function keepMine() {
    if (!conflict?.latest) return;
    setBaseVersion(conflict.latest.plan?.version ?? 0);
    setNotice(null);
    setConflict({ ...conflict, message: '' });
  }

  function takeTheirs() {
    const latest = conflict?.latest;
    if (!latest) return;
    setDraft(toDraft(latest.plan?.content ?? EMPTY_PLAN));
    setBaseVersion(latest.plan?.version ?? 0);
    setConflict(null);
    setNotice(`Showing version ${latest.plan?.version}. Your changes were discarded.`);
  }

  const domainOptions = [
    { value: '', text: 'Choose a need' },
    ...view.domains.map((d) => ({ value: d.code, text: d.label })),
  ];
  const latestPlan = conflict?.latest?.plan ?? null;

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {notice && <NotificationBanner variant="success" heading={notice} />}
        {conflict && latestPlan && (
          <div className="nhsuk-error-summary" tabIndex={-1} ref={conflictRef}>
            <div role="alert">
              <h2 className="nhsuk-error-summary__title">
                {conflict.message ? 'Someone else saved this plan while you were editing' : 'Your changes are kept'}
              </h2>
              <div className="nhsuk-error-summary__body">
                {conflict.message ? (
                  <>
                    <p>{conflict.message}</p>
                    <p>
                      What you typed is still on this page. The saved version {latestPlan.version} is shown below the
                      heading: compare it with your changes.
                    </p>
                    <p>
                      <button type="button" className="waymark-link-button" onClick={keepMine}>
                        Keep what I typed (saving it replaces what changed in version {latestPlan.version})
                      </button>
                    </p>
                    <p>
                      <button type="button" className="waymark-link-button" onClick={takeTheirs}>
                        Discard my changes and load version {latestPlan.version}
                      </button>
                    </p>
                  </>
                ) : (
                  <p>
                    Your changes will be saved on top of version {latestPlan.version} when you select “Save plan”. Check
                    them against version {latestPlan.version} below first.
                  </p>
                )}
              </div>
            </div>
          </div>
        )}
        {!conflict && <ErrorSummary errors={summary} revision={errors} />}
        <span className="nhsuk-caption-l">{who}</span>
        <h1>Care and support plan</h1>
        <p className="nhsuk-body">
          {current ? versionLine(current) : 'No plan has been saved yet. The first save creates version 1.'}
        </p>
        <p className="nhsuk-body">
          One plan for {who}, shared by everyone in the team who works with them.{' '}
          {current && (
            <>
              <Link to={`/people/${personId}/plan/versions`}>See all versions and compare</Link> ·{' '}
              <Link to={`/people/${personId}/plan/print`}>Printable plan to give to {view.person.givenName}</Link>
            </>
          )}
        </p>
        {conflict && latestPlan && (
          <details className="nhsuk-details" open>
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">The saved version {latestPlan.version}</span>
            </summary>
            <div className="nhsuk-details__text">
              <PlanSummary content={latestPlan.content} domains={view.domains} headingLevel={3} />
            </div>
          </details>
        )}

        <form onSubmit={save} noValidate>
          <TextArea
            label={PLAN_FIELD_LABELS.whatMattersToMe as string}
            hint="In the person’s own words"
            {...bind('whatMattersToMe')}
          />
          <TextArea
            label="Strengths"
            hint="What the person is good at, and who and what helps them"
            {...bind('strengths')}
          />

          <NeedsSection {...section} domainOptions={domainOptions} />
          <GoalsSection {...section} />
          <ActionsSection {...section} />

          <h2>If things get worse</h2>
          <TextArea
            label={PLAN_FIELD_LABELS.ifThingsGetWorse as string}
            hint="Who to contact and what to do, in plain words"
            {...bind('ifThingsGetWorse')}
          />
          <DateField legend="Date agreed with the person" {...bind('agreedOn')} />
          <DateField legend="Review date" {...bind('reviewOn')} />
          {canWrite && (
            <Button aria-disabled={busy || undefined} disabled={!!conflict?.message}>
              {busy ? 'Saving…' : 'Save plan'}
            </Button>
          )}
        </form>
      </div>
    </div>
  );
}
