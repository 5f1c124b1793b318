import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSubmit } from '../../app/use-submit';
import { BackLink } from '../../ui/BackLink';
import { Button } from '../../ui/Button';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { hasErrors, summaryOf } from '../../ui/form-errors';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { ConflictMessage } from '../triage/ConflictMessage';
import '../triage/triage.css';
import {
  type HandoverPlan,
  type HandoverResult,
  handoverKey,
  LEAVE_KEY,
  startCover,
  useHandoverPlan,
  WORKLOAD_KEY,
} from './workforce-api';
import { cases } from './workforce-format';

const CONFIRM_ID = 'confirm-care-coordinator';

type Case = HandoverPlan['cases'][number];

/** Needs in the lead's words: complexity and predicted PAM level, as triaged. */
function needsOf(c: Case): string {
  const parts = [c.complexity ? `${c.complexity[0]?.toUpperCase()}${c.complexity.slice(1)} complexity` : null];
  if (c.predictedPam) parts.push(`PAM level ${c.predictedPam}`);
  return parts.filter(Boolean).join(', ') || 'Not recorded';
}

const whoIs = (c: Case) => `${c.person.givenName} ${c.person.familyName}`;

/**
 * Hands a worker's open cases to colleagues one case at a time (e.g. while they are on leave):
 * the care coordinator to start with, as usual, and a clear warning, which the lead must confirm,
 * when a case the rules give a health and wellbeing coach would go to a care coordinator.
 */
export function HandoverPage() {
  const { memberId = '' } = useParams();
  const plan = useHandoverPlan(memberId);
  const queryClient = useQueryClient();
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [confirmed, setConfirmed] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const [result, setResult] = useState<HandoverResult | null>(null);
  const write = useSubmit({
    mutationFn: (body: Parameters<typeof startCover>[1]) => startCover(memberId, body),
    labels: {},
    onSuccess: async (done) => {
      setResult(done);
      await queryClient.invalidateQueries({ queryKey: WORKLOAD_KEY });
      await queryClient.invalidateQueries({ queryKey: LEAVE_KEY });
    },
    onConflict: setConflict,
  });
  const { busy, errors, setErrors } = write;
  const data = plan.data;
  usePageTitle(data ? `Hand over ${data.worker.name}’s cases` : 'Hand over cases', hasErrors(errors));

  if (plan.error) return <ServiceProblem error={plan.error} />;
  if (!data) return <Loading what="the cases" />;

  const colleagues = new Map(data.colleagues.map((c) => [c.id, c]));
  // Who covers a case to start with: whoever covers it now, else the usual stand-in.
  const chosenFor = (c: Case): string =>
    choices[c.referralId] ??
    (c.coveredBy && colleagues.has(c.coveredBy.id) ? c.coveredBy.id : (data.defaultCoverWorkerId ?? ''));
  const warningOf = (c: Case): string | null => {
    const cover = colleagues.get(chosenFor(c));
    return cover?.role === 'care_coordinator' && c.coachReason ? c.coachReason : null;
  };
  const warned = data.cases.filter((c) => warningOf(c) !== null);
  const coaches = data.colleagues.filter((c) => c.role === 'health_coach').map((c) => c.name);
  const counts = new Map<string, number>();
  for (const c of data.cases) counts.set(chosenFor(c), (counts.get(chosenFor(c)) ?? 0) + 1);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!data) return;
    if (warned.length > 0 && !confirmed) {
      const message = `Confirm that the ${cases(warned.length)} with a warning should go to a care coordinator, or choose someone else for them`;
      return setErrors({ fields: { [CONFIRM_ID]: message }, form: null });
    }
    void write.submit({
      cases: data.cases.map((c) => ({ referralId: c.referralId, coverWorkerId: chosenFor(c) })),
      confirmCareCoordinator: warned.length > 0,
    });
  }

  const columns: DataColumn<Case>[] = [
    {
      header: 'Person',
      cell: (c) => (
        <>
          <Link to={`/referrals/${c.referralId}/case`}>{whoIs(c)}</Link>
          <span className="waymark-secondary-text">{c.reference}</span>
        </>
      ),
    },
    { header: 'Stage', cell: (c) => c.statusLabel },
    {
      header: 'Triaged as',
      cell: (c) => (
        <>
          {needsOf(c)}
          {c.coachReason && (
            <span className="waymark-block">
              <Tag colour="purple">Coaching case</Tag>
            </span>
          )}
        </>
      ),
    },
    {
      header: 'Covered by',
      cell: (c) => {
        const id = `cover-${c.referralId}`;
        const warning = warningOf(c);
        return (
          <div className="waymark-worker-choice">
            <label className="nhsuk-label nhsuk-u-visually-hidden" htmlFor={id}>
              Who covers {whoIs(c)}
            </label>
            <select
              className="nhsuk-select"
              id={id}
              value={chosenFor(c)}
              aria-describedby={warning ? `${id}-warning` : undefined}
              onChange={(e) => {
                setChoices((all) => ({ ...all, [c.referralId]: e.target.value }));
                setConfirmed(false);
              }}
            >
              {data.colleagues.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name} ({m.roleLabel.toLowerCase()})
                </option>
              ))}
            </select>
            {warning && (
              <p className="nhsuk-body-s waymark-choice-warnings" id={`${id}-warning`}>
                <strong className="nhsuk-tag nhsuk-tag--orange">Warning</strong> {warning}{' '}
                {colleagues.get(chosenFor(c))?.name} is a care coordinator.
                {coaches.length > 0 && ` At work as a health and wellbeing coach: ${coaches.join(', ')}.`}
              </p>
            )}
          </div>
        );
      },
    },
  ];

  async function reload() {
    setConflict(null);
    setChoices({});
    setConfirmed(false);
    await queryClient.invalidateQueries({ queryKey: handoverKey(memberId) });
  }

  if (result) {
    return (
      <>
        <NotificationBanner variant="success" heading={`${cases(result.moved)} handed over`}>
          <ul className="nhsuk-list">
            {result.handedTo.map((h) => (
              <li key={h.id}>
                {h.name}: {cases(h.count)}
              </li>
            ))}
          </ul>
          <p>Each colleague has been told.</p>
        </NotificationBanner>
        <h1>Hand over {data.worker.name}’s cases</h1>
        <p>
          <Link to="/team/leave">Back to leave and cover</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <BackLink to="/team/leave">Leave and cover</BackLink>
      {conflict && <ConflictMessage message={conflict} onReload={() => void reload()} />}
      <ErrorSummary errors={summaryOf(errors, [CONFIRM_ID])} revision={errors} />
      <h1>
        <span className="nhsuk-caption-l">
          {data.worker.name}, {data.worker.roleLabel.toLowerCase()}
        </span>
        Hand over {data.worker.name}’s cases
      </h1>
      {data.worker.onLeaveUntil && <p>On leave until {data.worker.onLeaveUntil}.</p>}
      {data.cases.length === 0 ? (
        <p>{data.worker.name} has no open cases.</p>
      ) : data.colleagues.length === 0 ? (
        <p>Nobody else in the team is at work to cover these cases.</p>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>
            Choose who covers each case while {data.worker.name} is away. The care coordinator is chosen to start with;
            cases a colleague already covers stay with them unless you choose someone else.
          </p>
          <DataTable
            caption={`${data.worker.name}’s open cases`}
            columns={columns}
            rows={data.cases}
            rowKey={(c) => c.referralId}
          />
          <h2 className="nhsuk-heading-m">Who covers what</h2>
          <ul>
            {[...counts.entries()]
              .map(([id, n]) => [colleagues.get(id)?.name ?? 'Nobody', n] as const)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([name, n]) => (
                <li key={name}>
                  {name}: {cases(n)}
                </li>
              ))}
          </ul>
          {warned.length > 0 && (
            <div className="nhsuk-warning-callout">
              <h2 className="nhsuk-warning-callout__label">
                <span className="nhsuk-u-visually-hidden">Important: </span>
                {cases(warned.length)} for a health and wellbeing coach would go to a care coordinator
              </h2>
              <p>
                The allocation rules give high-complexity cases, and people at predicted PAM level 1, to a health and
                wellbeing coach. Choose someone else for them, or confirm that a care coordinator should cover them.
              </p>
              <div className={`nhsuk-form-group${errors.fields[CONFIRM_ID] ? ' nhsuk-form-group--error' : ''}`}>
                {errors.fields[CONFIRM_ID] && (
                  <span className="nhsuk-error-message" id={`${CONFIRM_ID}-error`}>
                    <span className="nhsuk-u-visually-hidden">Error:</span> {errors.fields[CONFIRM_ID]}
                  </span>
                )}
                <div className="nhsuk-checkboxes">
                  <div className="nhsuk-checkboxes__item">
                    <input
                      className="nhsuk-checkboxes__input"
                      id={CONFIRM_ID}
                      type="checkbox"
                      checked={confirmed}
                      aria-describedby={errors.fields[CONFIRM_ID] ? `${CONFIRM_ID}-error` : undefined}
                      onChange={(e) => setConfirmed(e.target.checked)}
                    />
                    <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={CONFIRM_ID}>
                      Hand {warned.length === 1 ? 'this case' : `these ${warned.length} cases`} to a care coordinator
                      anyway
                    </label>
                  </div>
                </div>
              </div>
            </div>
          )}
          <Button aria-disabled={busy || undefined}>
            {busy ? 'Handing over…' : `Hand over ${cases(data.cases.length)}`}
          </Button>
        </form>
      )}
    </>
  );
}
