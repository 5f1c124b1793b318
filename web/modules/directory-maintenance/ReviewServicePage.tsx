import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ListingInput } from '../../../common/directory';
import type { OpenReport, ReviewListingView } from '../../../common/directory-maintenance';
import { ApiError } from '../../app/api';
import { NotFoundPage } from '../../app/NotFoundPage';
import { useSubmit } from '../../app/use-submit';
import { BackLink } from '../../ui/BackLink';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import { ConflictNotice } from './ConflictNotice';
import { HistoryTable } from './HistoryTable';
import { ListingForm } from './ListingForm';
import { ListingSummary } from './ListingSummary';

/** Who last confirmed or edited the listing (a reviewer's edit is also a check), by name. */
function lastCheckedBy(history: { field: string; by: string; at: string }[]): string | null {
  const checks = history.filter((h) => h.field === 'assured_date');
  return checks.sort((a, b) => b.at.localeCompare(a.at))[0]?.by ?? null;
}

import { listingToInput } from './listing-draft';
import {
  confirmUnchanged,
  dismissReport,
  editListing,
  REVIEW_KEY,
  retireListing,
  useListingForReview,
} from './maintenance-api';
import { formatWhen } from './maintenance-format';
import './maintenance.css';

/** One listing under review: confirm it unchanged, edit it, retire it, or deal with its reports. */
export function ReviewServicePage() {
  const { serviceId = '' } = useParams();
  const { data, error, isPending } = useListingForReview(serviceId);
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  usePageTitle(notFound ? 'Page not found' : data ? `Review ${data.listing.name}` : 'Review a listing');
  if (notFound) return <NotFoundPage />;
  if (error) return <ServiceProblem error={error} />;
  if (isPending) return <Loading what="the listing" />;
  return <Review view={data} />;
}

type Mode = 'view' | 'edit' | 'retire';

function Review({ view }: { view: ReviewListingView }) {
  const queryClient = useQueryClient();
  const { listing } = view;
  const [mode, setMode] = useState<Mode>('view');
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: REVIEW_KEY });

  // Every action on the listing answers how many open reports it closed, said in the notice.
  const write = useSubmit({
    mutationFn: (action: { work: () => Promise<{ reports_closed: number }>; done: (closed: number) => string }) =>
      action.work(),
    labels: {},
    onSuccess: async (result, { done }) => {
      setNotice(done(result.reports_closed));
      setMode('view');
      await refresh();
      window.scrollTo(0, 0);
    },
  });
  const { busy, failure } = write;
  const act = (work: () => Promise<{ reports_closed: number }>, done: (closed: number) => string) =>
    void write.submit({ work, done });

  const closedText = (n: number) => (n ? ` ${n} open ${n === 1 ? 'report was' : 'reports were'} closed.` : '');
  const conflict = failure instanceof ApiError && failure.status === 409 ? failure : null;
  const otherFailure =
    failure && !conflict && !(failure instanceof ApiError && failure.status === 400) ? failure : null;

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackLink to="/directory/review">Back to directory review</BackLink>
        {notice && <NotificationBanner variant="success" heading={notice} />}
        {conflict && (
          <ConflictNotice
            title="This listing has changed"
            message={conflict.problem.detail}
            action="Reload the listing to see the latest"
            onReload={() => {
              write.reset();
              setMode('view');
              void refresh();
            }}
          />
        )}
        {otherFailure ? (
          <ErrorSummary
            errors={[
              {
                message:
                  otherFailure instanceof ApiError ? otherFailure.problem.detail : 'Sorry, something went wrong.',
              },
            ]}
            revision={otherFailure}
          />
        ) : null}
        <span className="nhsuk-caption-l">Review a listing</span>
        <h1>{listing.name}</h1>
        {view.review_due && mode === 'view' && <p className="nhsuk-body">This listing is due for its check.</p>}

        {mode === 'edit' ? (
          <ListingForm
            // A fresh form after a reload, based on the version now stored.
            key={listing.version}
            initial={listingToInput(listing)}
            categoryOptions={view.category_options}
            submitLabel="Save and confirm listing"
            errorPrefix="listing"
            error={failure}
            busy={busy}
            onCancel={() => {
              write.reset();
              setMode('view');
            }}
            canLiftConfidentiality
            onSubmit={(input: ListingInput, liftConfidentialityOf: string[]) =>
              act(
                () => editListing(listing.id, listing.version, input, liftConfidentialityOf),
                (n) => `Listing updated and confirmed as checked today.${closedText(n)}`,
              )
            }
          >
            <p>Saving also records that you have checked the listing today.</p>
          </ListingForm>
        ) : (
          <>
            <ListingSummary listing={listing} checkedBy={lastCheckedBy(view.history)} />
            {mode === 'retire' ? (
              <RetireForm
                busy={busy}
                error={failure}
                onCancel={() => {
                  write.reset();
                  setMode('view');
                }}
                onRetire={(reason) =>
                  act(
                    () => retireListing(listing.id, reason),
                    (n) => `Listing retired. It no longer appears in searches.${closedText(n)}`,
                  )
                }
              />
            ) : (
              <div className="nhsuk-button-group">
                <Button
                  type="button"
                  aria-disabled={busy || undefined}
                  onClick={() =>
                    act(
                      () => confirmUnchanged(listing.id),
                      (n) => `Listing confirmed as unchanged and checked today.${closedText(n)}`,
                    )
                  }
                >
                  Confirm unchanged
                </Button>
                <Button type="button" variant="secondary" onClick={() => setMode('edit')}>
                  Edit listing
                </Button>
                {listing.status !== 'inactive' && (
                  <Button type="button" variant="warning" onClick={() => setMode('retire')}>
                    Retire listing
                  </Button>
                )}
              </div>
            )}
          </>
        )}

        <h2>Reports from the public</h2>
        {view.reports.length === 0 ? (
          <p>No open reports about this listing.</p>
        ) : (
          view.reports.map((r) => (
            <ReportCard
              key={r.id}
              report={r}
              onDismiss={(reason) =>
                act(
                  async () => {
                    await dismissReport(listing.id, r.id, reason);
                    return { reports_closed: 0 };
                  },
                  () => 'Report closed as not a problem.',
                )
              }
            />
          ))
        )}

        <h2>Changes proposed by the organisation</h2>
        {view.changes.length === 0 ? (
          <p>None waiting.</p>
        ) : (
          <ul className="nhsuk-list">
            {view.changes.map((c) => (
              <li key={c.id}>
                <Link to={`/directory/review/changes/${c.id}`}>
                  Change proposed by {c.submitted_by} on {formatWhen(c.submitted_at)}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="nhsuk-grid-column-full">
        <h2>History</h2>
        {view.history.length === 0 ? (
          <p>No changes recorded.</p>
        ) : (
          <HistoryTable history={view.history} categories={view.category_options} />
        )}
      </div>
    </div>
  );
}

function RetireForm({
  busy,
  error,
  onCancel,
  onRetire,
}: {
  busy: boolean;
  error: unknown;
  onCancel: () => void;
  onRetire: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const serverError =
    error instanceof ApiError && error.status === 400
      ? error.fieldErrors.find((f) => f.field === 'reason')?.message
      : undefined;
  const message = localError ?? (serverError ? `Reason ${serverError}` : null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setLocalError('Enter why the listing is being retired');
      return;
    }
    setLocalError(null);
    onRetire(reason);
  }

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={message ? [{ fieldId: 'retire-reason', message }] : []} revision={message} />
      <h2>Retire this listing</h2>
      <p>It will stop appearing in searches and leave the review cycle. Its history is kept.</p>
      <div className={`nhsuk-form-group${message ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label" htmlFor="retire-reason">
          Why is it being retired?
        </label>
        {message && (
          <span className="nhsuk-error-message" id="retire-reason-error">
            <span className="nhsuk-u-visually-hidden">Error:</span> {message}
          </span>
        )}
        <textarea
          className={`nhsuk-textarea${message ? ' nhsuk-textarea--error' : ''}`}
          id="retire-reason"
          rows={3}
          value={reason}
          aria-describedby={message ? 'retire-reason-error' : undefined}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <div className="nhsuk-button-group">
        <Button variant="warning" aria-disabled={busy || undefined}>
          Retire this listing
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function ReportCard({ report, onDismiss }: { report: OpenReport; onDismiss: (reason: string) => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = `dismiss-${report.id}`;
  return (
    <div className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s">Reported {formatWhen(report.created_at)}</h3>
        <p className="nhsuk-card__description waymark-listing-text">{report.message}</p>
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Not a problem? Close this report</span>
          </summary>
          <div className="nhsuk-details__text">
            <form
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                if (!reason.trim()) {
                  setError('Enter why this is not a problem');
                  return;
                }
                setError(null);
                onDismiss(reason);
              }}
            >
              <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
                <label className="nhsuk-label" htmlFor={id}>
                  Why is it not a problem?
                </label>
                {error && (
                  <span className="nhsuk-error-message" id={`${id}-error`}>
                    <span className="nhsuk-u-visually-hidden">Error:</span> {error}
                  </span>
                )}
                <input
                  className={`nhsuk-input${error ? ' nhsuk-input--error' : ''}`}
                  id={id}
                  type="text"
                  value={reason}
                  aria-describedby={error ? `${id}-error` : undefined}
                  onChange={(e) => setReason(e.target.value)}
                />
              </div>
              <Button variant="secondary" small>
                Close report as not a problem
              </Button>
            </form>
          </div>
        </details>
      </div>
    </div>
  );
}
