import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../app/api';
import { usePageTitle } from '../../app/use-page-title';
import { BackLink } from '../../ui/BackLink';
import { Button } from '../../ui/Button';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { TableScroll } from '../../ui/TableScroll';
import { Tag } from '../../ui/Tag';
import { ConflictMessage } from '../triage/ConflictMessage';
import { QUEUE_KEY } from '../triage/triage-api';
import { PRIORITY_COLOURS, PRIORITY_LABELS, waitingFor } from '../triage/triage-labels';
import '../triage/triage.css';
import { type AllocateAllResult, allocateAll } from './allocation-api';

const PREVIEW_KEY = ['allocate-all-preview'] as const;

/** "Allocate all": see who each triaged referral would go to, and why; then confirm in one go. */
export function AllocateAllPage() {
  usePageTitle('Allocate all triaged referrals');
  const queryClient = useQueryClient();
  const preview = useQuery({
    queryKey: PREVIEW_KEY,
    queryFn: () => allocateAll({ dryRun: true }),
    gcTime: 0,
  });
  const [result, setResult] = useState<AllocateAllResult | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (preview.error) return <ServiceProblem error={preview.error} />;

  async function confirm(planId: string) {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      setResult(await allocateAll({ dryRun: false, planId }));
      setConflict(null);
      await queryClient.invalidateQueries({ queryKey: QUEUE_KEY });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) setConflict(error.problem.detail);
      else setFailure(error instanceof ApiError ? error.problem.detail : 'Sorry, that did not work. Try again.');
    } finally {
      setBusy(false);
    }
  }

  async function reload() {
    setConflict(null);
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
            {result.left} {result.left === 1 ? 'referral was' : 'referrals were'} left in the queue: nobody suitable is
            at work.
          </p>
        )}
        <PlanTable result={result} caption="Allocated" />
        <p>
          <Link to="/triage">Back to the triage queue</Link>
        </p>
      </>
    );
  }

  const plan = preview.data;
  const toAllocate = plan?.items.filter((i) => i.worker).length ?? 0;
  const byWorker = new Map<string, number>();
  for (const i of plan?.items ?? []) if (i.worker) byWorker.set(i.worker.name, (byWorker.get(i.worker.name) ?? 0) + 1);

  return (
    <>
      <BackLink to="/triage">Triage queue</BackLink>
      {conflict && <ConflictMessage message={conflict} onReload={() => void reload()} />}
      {failure && (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> {failure}
        </p>
      )}
      <h1>Allocate all triaged referrals</h1>
      <p>
        Waymark gives each triaged referral, most urgent first, to the person its rules suggest, counting the ones it
        has just given out, so the work is shared fairly. Nothing changes until you confirm.
      </p>
      {preview.isPending || !plan ? (
        <Loading what="the plan" />
      ) : plan.items.length === 0 ? (
        <p>There are no triaged referrals waiting for allocation.</p>
      ) : (
        <>
          <h2 className="nhsuk-heading-m">
            {toAllocate} {toAllocate === 1 ? 'referral' : 'referrals'} to allocate
          </h2>
          <ul>
            {[...byWorker.entries()]
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([name, n]) => (
                <li key={name}>
                  {name}: {n}
                </li>
              ))}
          </ul>
          <PlanTable result={plan} caption="The plan" />
          {toAllocate > 0 && (
            <Button type="button" aria-disabled={busy || undefined} onClick={() => void confirm(plan.planId)}>
              {busy
                ? 'Allocating…'
                : `Confirm and allocate ${toAllocate} ${toAllocate === 1 ? 'referral' : 'referrals'}`}
            </Button>
          )}
        </>
      )}
    </>
  );
}

function PlanTable({ result, caption }: { result: AllocateAllResult; caption: string }) {
  return (
    <TableScroll label={caption}>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption">{caption}</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              Person
            </th>
            <th scope="col" className="nhsuk-table__header">
              Priority
            </th>
            <th scope="col" className="nhsuk-table__header">
              Waiting
            </th>
            <th scope="col" className="nhsuk-table__header">
              To
            </th>
            <th scope="col" className="nhsuk-table__header">
              Why
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {result.items.map((item) => (
            <tr className="nhsuk-table__row" key={item.referralId}>
              <th scope="row" className="nhsuk-table__header waymark-table__row-header">
                <Link to={`/referrals/${item.referralId}`}>
                  {item.person.givenName} {item.person.familyName}
                </Link>
              </th>
              <td className="nhsuk-table__cell">
                <Tag colour={PRIORITY_COLOURS[item.queuePriority]}>{PRIORITY_LABELS[item.queuePriority]}</Tag>
              </td>
              <td className="nhsuk-table__cell">{waitingFor(item.receivedAt)}</td>
              <td className="nhsuk-table__cell">
                {item.worker ? (
                  <>
                    {item.worker.name}
                    <span className="waymark-secondary-text">{item.worker.roleLabel}</span>
                    {item.worker.overCapacity && (
                      <span className="waymark-block">
                        <Tag colour="orange">Over capacity</Tag>
                      </span>
                    )}
                  </>
                ) : (
                  'Nobody: stays in the queue'
                )}
              </td>
              <td className="nhsuk-table__cell">
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
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
