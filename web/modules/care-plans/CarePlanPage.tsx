import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { type CarePlanView, EMPTY_PLAN, PLAN_FIELD_LABELS } from '../../../common/care-plan';
import { ApiError } from '../../app/api';
import { NotFoundPage } from '../../app/NotFoundPage';
import { hasPermission, useSignedInMe } from '../../app/session';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import { carePlanKey, fetchCarePlan, saveCarePlan, useCarePlan } from './care-plans-api';
import { DateField, Select, TextArea, TextInput } from './PlanFields';
import { PlanSummary } from './PlanSummary';
import { type Draft, EMPTY_DATE, fieldId, fromDraft, newKey, toDraft, todayParts } from './plan-draft';
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
  const [errors, setErrors] = useState<{ fields: Record<string, string>; form: string | null }>({
    fields: {},
    form: null,
  });
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const conflictRef = useRef<HTMLDivElement>(null);
  const who = `${view.person.givenName} ${view.person.familyName}`;
  const current = view.plan;

  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const err = (field: string) => errors.fields[field];
  const summary = [
    ...(errors.form ? [{ message: errors.form }] : []),
    ...Object.entries(errors.fields).map(([field, message]) => ({
      fieldId: /(Date|date|On|byWhen)$/.test(field) ? `${fieldId(field)}-day` : fieldId(field),
      message: `${fieldLabel(field)} ${message}`,
    })),
  ];

  async function save(event: React.FormEvent) {
    event.preventDefault();
    if (busy) return;
    setNotice(null);
    const { content, errors: fieldErrors } = fromDraft(draft);
    if (Object.keys(fieldErrors).length > 0) {
      setErrors({ fields: fieldErrors, form: null });
      return;
    }
    setBusy(true);
    try {
      const saved = await saveCarePlan(personId, baseVersion, content);
      queryClient.setQueryData(carePlanKey(personId), saved);
      void queryClient.invalidateQueries({ queryKey: [...carePlanKey(personId), 'versions'] });
      setBaseVersion(saved.plan?.version ?? baseVersion);
      setErrors({ fields: {}, form: null });
      setConflict(null);
      setNotice(`Plan saved as version ${saved.plan?.version}`);
      window.scrollTo(0, 0);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        // Keep the draft exactly as typed; fetch the newer version so the user can compare.
        let latest: CarePlanView | null = null;
        try {
          latest = await queryClient.fetchQuery({
            queryKey: carePlanKey(personId),
            queryFn: () => fetchCarePlan(personId),
            staleTime: 0,
          });
        } catch {
          latest = null;
        }
        setErrors({ fields: {}, form: null });
        setConflict({ message: e.problem.detail, latest });
      } else if (e instanceof ApiError && e.status === 400) {
        const fields: Record<string, string> = {};
        for (const fe of e.fieldErrors) fields[fe.field] = fe.message;
        setErrors({ fields, form: e.fieldErrors.length ? null : e.problem.detail });
      } else {
        setErrors({ fields: {}, form: e instanceof ApiError ? e.problem.detail : 'Sorry, something went wrong.' });
      }
    } finally {
      setBusy(false);
    }
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
            id={fieldId('whatMattersToMe')}
            label={PLAN_FIELD_LABELS.whatMattersToMe as string}
            hint="In the person’s own words"
            value={draft.whatMattersToMe}
            error={err('whatMattersToMe')}
            onChange={(v) => set({ whatMattersToMe: v })}
          />
          <TextArea
            id={fieldId('strengths')}
            label="Strengths"
            hint="What the person is good at, and who and what helps them"
            value={draft.strengths}
            error={err('strengths')}
            onChange={(v) => set({ strengths: v })}
          />

          <h2>Needs</h2>
          {draft.needs.map((n, i) => (
            <div className="waymark-plan-item" key={n.key}>
              <Select
                id={fieldId(`needs.${i}.domain`)}
                label={`Need ${i + 1}`}
                value={n.domain}
                options={domainOptions}
                error={err(`needs.${i}.domain`)}
                onChange={(v) => set({ needs: draft.needs.map((x) => (x.key === n.key ? { ...x, domain: v } : x)) })}
              />
              <TextArea
                id={fieldId(`needs.${i}.notes`)}
                label={`Notes about need ${i + 1}`}
                value={n.notes}
                rows={2}
                error={err(`needs.${i}.notes`)}
                onChange={(v) => set({ needs: draft.needs.map((x) => (x.key === n.key ? { ...x, notes: v } : x)) })}
              />
              <Button
                type="button"
                variant="secondary"
                small
                onClick={() => set({ needs: draft.needs.filter((x) => x.key !== n.key) })}
              >
                Remove need {i + 1}
              </Button>
            </div>
          ))}
          <Button
            type="button"
            variant="secondary"
            onClick={() => set({ needs: [...draft.needs, { key: newKey(), domain: '', notes: '' }] })}
          >
            Add a need
          </Button>

          <h2>Goals</h2>
          {draft.goals.map((g, i) => {
            const setGoal = (patch: Partial<typeof g>) =>
              set({ goals: draft.goals.map((x) => (x.key === g.key ? { ...x, ...patch } : x)) });
            return (
              <div className="waymark-plan-item" key={g.key}>
                <TextArea
                  id={fieldId(`goals.${i}.text`)}
                  label={`Goal ${i + 1}`}
                  hint="In the person’s own words"
                  value={g.text}
                  rows={2}
                  error={err(`goals.${i}.text`)}
                  onChange={(v) => setGoal({ text: v })}
                />
                <DateField
                  id={fieldId(`goals.${i}.targetDate`)}
                  legend={`Target date for goal ${i + 1}`}
                  hint="For example, 15 3 2026"
                  value={g.targetDate}
                  error={err(`goals.${i}.targetDate`)}
                  onChange={(v) => setGoal({ targetDate: v })}
                />
                <h3 className="nhsuk-heading-s">Progress towards goal {i + 1}</h3>
                {g.progress.length === 0 && <p className="nhsuk-body">No progress scores yet.</p>}
                {g.progress.map((p, j) => {
                  const setProgress = (patch: Partial<typeof p>) =>
                    setGoal({ progress: g.progress.map((x) => (x.key === p.key ? { ...x, ...patch } : x)) });
                  return (
                    <div className="waymark-plan-item" key={p.key}>
                      <DateField
                        id={fieldId(`goals.${i}.progress.${j}.date`)}
                        legend={`Date of score ${j + 1}`}
                        value={p.date}
                        error={err(`goals.${i}.progress.${j}.date`)}
                        onChange={(v) => setProgress({ date: v })}
                      />
                      <Select
                        id={fieldId(`goals.${i}.progress.${j}.score`)}
                        label={`Score ${j + 1}, from 0 (not started) to 10 (achieved)`}
                        value={p.score}
                        options={[
                          { value: '', text: 'Choose a score' },
                          ...Array.from({ length: 11 }, (_, k) => ({ value: String(k), text: String(k) })),
                        ]}
                        error={err(`goals.${i}.progress.${j}.score`)}
                        onChange={(v) => setProgress({ score: v })}
                      />
                      <TextInput
                        id={fieldId(`goals.${i}.progress.${j}.note`)}
                        label={`Note for score ${j + 1} (optional)`}
                        value={p.note}
                        error={err(`goals.${i}.progress.${j}.note`)}
                        onChange={(v) => setProgress({ note: v })}
                      />
                      <Button
                        type="button"
                        variant="secondary"
                        small
                        onClick={() => setGoal({ progress: g.progress.filter((x) => x.key !== p.key) })}
                      >
                        Remove score {j + 1}
                      </Button>
                    </div>
                  );
                })}
                <Button
                  type="button"
                  variant="secondary"
                  small
                  onClick={() =>
                    setGoal({
                      progress: [...g.progress, { key: newKey(), date: todayParts(), score: '', note: '' }],
                    })
                  }
                >
                  Record progress for goal {i + 1}
                </Button>{' '}
                <Button
                  type="button"
                  variant="warning"
                  small
                  onClick={() => set({ goals: draft.goals.filter((x) => x.key !== g.key) })}
                >
                  Remove goal {i + 1}
                </Button>
              </div>
            );
          })}
          <Button
            type="button"
            variant="secondary"
            onClick={() =>
              set({ goals: [...draft.goals, { key: newKey(), text: '', targetDate: EMPTY_DATE, progress: [] }] })
            }
          >
            Add a goal
          </Button>

          <h2>Actions</h2>
          {draft.actions.map((a, i) => {
            const setAction = (patch: Partial<typeof a>) =>
              set({ actions: draft.actions.map((x) => (x.key === a.key ? { ...x, ...patch } : x)) });
            return (
              <div className="waymark-plan-item" key={a.key}>
                <TextInput
                  id={fieldId(`actions.${i}.who`)}
                  label={`Action ${i + 1}: who`}
                  value={a.who}
                  width={20}
                  error={err(`actions.${i}.who`)}
                  onChange={(v) => setAction({ who: v })}
                />
                <TextArea
                  id={fieldId(`actions.${i}.what`)}
                  label={`Action ${i + 1}: what`}
                  value={a.what}
                  rows={2}
                  error={err(`actions.${i}.what`)}
                  onChange={(v) => setAction({ what: v })}
                />
                <DateField
                  id={fieldId(`actions.${i}.byWhen`)}
                  legend={`Action ${i + 1}: by when`}
                  value={a.byWhen}
                  error={err(`actions.${i}.byWhen`)}
                  onChange={(v) => setAction({ byWhen: v })}
                />
                <div className="nhsuk-form-group">
                  <div className="nhsuk-checkboxes">
                    <div className="nhsuk-checkboxes__item">
                      <input
                        className="nhsuk-checkboxes__input"
                        id={fieldId(`actions.${i}.done`)}
                        type="checkbox"
                        checked={a.done}
                        onChange={(e) => setAction({ done: e.target.checked })}
                      />
                      <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={fieldId(`actions.${i}.done`)}>
                        Action {i + 1} is done
                      </label>
                    </div>
                  </div>
                </div>
                <Button
                  type="button"
                  variant="secondary"
                  small
                  onClick={() => set({ actions: draft.actions.filter((x) => x.key !== a.key) })}
                >
                  Remove action {i + 1}
                </Button>
              </div>
            );
          })}
          <Button
            type="button"
            variant="secondary"
            onClick={() =>
              set({
                actions: [...draft.actions, { key: newKey(), who: '', what: '', byWhen: EMPTY_DATE, done: false }],
              })
            }
          >
            Add an action
          </Button>

          <h2>If things get worse</h2>
          <TextArea
            id={fieldId('ifThingsGetWorse')}
            label={PLAN_FIELD_LABELS.ifThingsGetWorse as string}
            hint="Who to contact and what to do, in plain words"
            value={draft.ifThingsGetWorse}
            error={err('ifThingsGetWorse')}
            onChange={(v) => set({ ifThingsGetWorse: v })}
          />
          <DateField
            id={fieldId('agreedOn')}
            legend="Date agreed with the person"
            value={draft.agreedOn}
            error={err('agreedOn')}
            onChange={(v) => set({ agreedOn: v })}
          />
          <DateField
            id={fieldId('reviewOn')}
            legend="Review date"
            value={draft.reviewOn}
            error={err('reviewOn')}
            onChange={(v) => set({ reviewOn: v })}
          />
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
