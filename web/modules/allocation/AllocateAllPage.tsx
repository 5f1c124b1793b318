import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../app/api';
import { useSubmit } from '../../app/use-submit';
import { BackLink } from '../../ui/BackLink';
import { Button } from '../../ui/Button';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { NO_ERRORS } from '../../ui/form-errors';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { ConflictMessage } from '../triage/ConflictMessage';
import { QUEUE_KEY } from '../triage/triage-api';
import { PRIORITY_COLOURS, PRIORITY_LABELS, waitingFor } from '../triage/triage-labels';
import '../triage/triage.css';
import { type AllocateAllItem, type AllocateAllResult, allocateAll, type PlanRow } from './allocation-api';

const PREVIEW_KEY = ['allocate-all-preview'] as const;
/** The select's value for "leave it in the queue" (a worker id is never empty). */
const LEAVE_OUT = '';

type Edits = Record<string, string | null>;

/**
 * "Allocate all": see who each triaged referral would go to, and why; change the worker of any
 * row or leave a row in the queue; then confirm exactly that plan in one go.
 */
export function AllocateAllPage() {
  usePageTitle('Allocate all triaged referrals');
  const queryClient = useQueryClient();
  const preview = useQuery({
    queryKey: PREVIEW_KEY,
    queryFn: () => allocateAll({ dryRun: true }),
    gcTime: 0,
  });
  const [edits, setEdits] = useState<Edits>({});
  const [result, setResult] = useState<AllocateAllResult | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);

  const base = preview.data;
  const edited = Object.keys(edits).length > 0;
  const rows: PlanRow[] = (base?.items ?? []).map((i) => ({
    referralId: i.referralId,
    workerId: i.referralId in edits ? (edits[i.referralId] ?? null) : (i.worker?.id ?? null),
  }));
  // The edited plan, as the server sees it: the warnings and loads that go with the choices.
  const check = useQuery({
    queryKey: [...PREVIEW_KEY, base?.planId, edits],
    queryFn: () => allocateAll({ dryRun: true, planId: base?.planId, rows }),
    enabled: edited && !!base,
    placeholderData: keepPreviousData,
    retry: false,
    gcTime: 0,
  });

  const {
    submit: allocate,
    busy,
    errors,
    setErrors,
  } = useSubmit({
    mutationFn: (planId: string) => allocateAll({ dryRun: false, planId, ...(edited ? { rows } : {}) }),
    labels: {},
    errorsFrom: (error) => ({
      fields: {},
      form: error instanceof ApiError ? error.problem.detail : 'Sorry, that did not work. Try again.',
    }),
    onSuccess: async (done) => {
      setResult(done);
      setConflict(null);
      await queryClient.invalidateQueries({ queryKey: QUEUE_KEY });
    },
    onConflict: setConflict,
  });

  if (preview.error) return <ServiceProblem error={preview.error} />;
  const checkProblem = check.error instanceof ApiError ? check.error : null;
  const shownConflict = conflict ?? (checkProblem?.status === 409 ? checkProblem.problem.detail : null);
  const shownFailure =
    errors.form ?? (checkProblem && checkProblem.status !== 409 ? checkProblem.problem.detail : null);

  function confirm(planId: string) {
    if (check.isFetching) return;
    setErrors(NO_ERRORS);
    void allocate(planId);
  }

  async function reload() {
    setConflict(null);
    setErrors(NO_ERRORS);
    setEdits({});
    await preview.refetch();
  }

  if (result) {
    return (
      <>
        <NotificationBanner
          variant="success"
          heading={`${result.allocated} ${result.allocated === 1 ? 'referral' : 'referrals'} allocated`}
        >
          <p>Each worker has been told about their new referrals.</p>
        </NotificationBanner>
        <h1>Allocate all triaged referrals</h1>
        {result.left > 0 && (
          <p>
            {result.left} {result.left === 1 ? 'referral was' : 'referrals were'} left in the queue.
          </p>
        )}
        <PlanTable items={result.items} caption="Allocated" />
        <p>
          <Link to="/triage">Back to the triage queue</Link>
        </p>
      </>
    );
  }

  // While the edited plan is checked, the last answer stays on show; the choices are the lead's.
  const items = edited && check.data && !checkProblem ? check.data.items : (base?.items ?? []);
  const team = (base?.team ?? []).filter((m) => !m.onLeaveUntil);
  const names = new Map((base?.team ?? []).map((m) => [m.id, m.name]));
  const toAllocate = rows.filter((r) => r.workerId).length;
  const byWorker = new Map<string, number>();
  for (const r of rows) {
    if (r.workerId) byWorker.set(r.workerId, (byWorker.get(r.workerId) ?? 0) + 1);
  }
  const warned = items.filter((i) => i.warnings.length > 0).length;

  return (
    <>
      <BackLink to="/triage">Triage queue</BackLink>
      {shownConflict && <ConflictMessage message={shownConflict} onReload={() => void reload()} />}
      {shownFailure && (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> {shownFailure}
        </p>
      )}
      <h1>Allocate all triaged referrals</h1>
      <p>
        Waymark gives each triaged referral, most urgent first, to the person its rules suggest, counting the ones it
        has just given out, so the work is shared fairly. You can choose someone else for any referral, or leave it in
        the queue. Nothing changes until you confirm.
      </p>
      {preview.isPending || !base ? (
        <Loading what="the plan" />
      ) : base.items.length === 0 ? (
        <p>There are no triaged referrals waiting for allocation.</p>
      ) : (
        <>
          <h2 className="nhsuk-heading-m">
            {toAllocate} {toAllocate === 1 ? 'referral' : 'referrals'} to allocate
          </h2>
          <ul>
            {[...byWorker.entries()]
              .map(([id, n]) => [names.get(id) ?? 'A colleague', n] as const)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([name, n]) => (
                <li key={name}>
                  {name}: {n}
                </li>
              ))}
            {rows.length > toAllocate && <li>Left in the queue: {rows.length - toAllocate}</li>}
          </ul>
          <PlanTable
            items={items}
            caption="The plan"
            choose={{
              team,
              valueOf: (id) => rows.find((r) => r.referralId === id)?.workerId ?? LEAVE_OUT,
              onChoose: (id, workerId) => setEdits((e) => ({ ...e, [id]: workerId })),
            }}
          />
          <p className="waymark-live-status" role="status">
            {warned > 0
              ? `${warned} ${warned === 1 ? 'choice goes' : 'choices go'} against the rules or over capacity: read the warnings before you confirm.`
              : ''}
          </p>
          {toAllocate > 0 ? (
            <Button
              type="button"
              aria-disabled={busy || check.isFetching || !!checkProblem || undefined}
              onClick={() => confirm(base.planId)}
            >
              {busy
                ? 'Allocating…'
                : `Confirm and allocate ${toAllocate} ${toAllocate === 1 ? 'referral' : 'referrals'}`}
            </Button>
          ) : (
            <p>Every referral is left in the queue: there is nothing to allocate.</p>
          )}
        </>
      )}
    </>
  );
}

interface Choosing {
  team: { id: string; name: string; roleLabel: string; openCases: number; capacity: number }[];
  valueOf: (referralId: string) => string;
  onChoose: (referralId: string, workerId: string | null) => void;
}

function planColumns(choose?: Choosing): DataColumn<AllocateAllItem>[] {
  return [
    {
      header: 'Person',
      cell: (item) => (
        <Link to={`/referrals/${item.referralId}`}>
          {item.person.givenName} {item.person.familyName}
        </Link>
      ),
    },
    {
      header: 'Priority',
      cell: (item) => <Tag colour={PRIORITY_COLOURS[item.queuePriority]}>{PRIORITY_LABELS[item.queuePriority]}</Tag>,
    },
    { header: 'Waiting', cell: (item) => waitingFor(item.receivedAt) },
    {
      header: 'To',
      cell: (item) => (choose ? <WorkerChoice item={item} choose={choose} /> : <ChosenWorker item={item} />),
    },
    {
      header: 'Why',
      cell: (item) => (
        <details className="nhsuk-details nhsuk-u-margin-bottom-0">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">
              Reasons<span className="nhsuk-u-visually-hidden"> for {item.person.givenName}</span>
            </span>
          </summary>
          <div className="nhsuk-details__text">
            <ul className="nhsuk-list nhsuk-list--bullet nhsuk-body-s">
              {item.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </div>
        </details>
      ),
    },
  ];
}

function PlanTable({ items, caption, choose }: { items: AllocateAllItem[]; caption: string; choose?: Choosing }) {
  return <DataTable caption={caption} columns={planColumns(choose)} rows={items} rowKey={(i) => i.referralId} />;
}

function ChosenWorker({ item }: { item: AllocateAllItem }) {
  if (!item.worker) return <>Nobody: stays in the queue</>;
  return (
    <>
      {item.worker.name}
      <span className="waymark-secondary-text">{item.worker.roleLabel}</span>
      {item.worker.overCapacity && (
        <span className="waymark-block">
          <Tag colour="orange">Over capacity</Tag>
        </span>
      )}
    </>
  );
}

function WorkerChoice({ item, choose }: { item: AllocateAllItem; choose: Choosing }) {
  const id = `worker-${item.referralId}`;
  const warningsId = `${id}-warnings`;
  const who = `${item.person.givenName} ${item.person.familyName}`;
  return (
    <div className="waymark-worker-choice">
      <label className="nhsuk-label nhsuk-u-visually-hidden" htmlFor={id}>
        Allocate {who} to
      </label>
      <select
        className="nhsuk-select"
        id={id}
        value={choose.valueOf(item.referralId)}
        aria-describedby={item.warnings.length > 0 ? warningsId : undefined}
        onChange={(e) => choose.onChoose(item.referralId, e.target.value === LEAVE_OUT ? null : e.target.value)}
      >
        {choose.team.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name} ({m.roleLabel.toLowerCase()})
          </option>
        ))}
        <option value={LEAVE_OUT}>Nobody: leave it in the queue</option>
      </select>
      {item.worker && (
        <span className="waymark-secondary-text">
          {item.worker.openCases + 1} of {item.worker.capacity} open cases with this one
        </span>
      )}
      {item.changed && (
        <span className="waymark-secondary-text">
          Waymark suggested {item.suggestedWorker ? item.suggestedWorker.name : 'leaving it in the queue'}
        </span>
      )}
      {item.warnings.length > 0 && (
        <ul className="nhsuk-list nhsuk-body-s waymark-choice-warnings" id={warningsId}>
          {item.warnings.map((w) => (
            <li key={w}>
              <strong className="nhsuk-tag nhsuk-tag--orange">Warning</strong> {w}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
