import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import {
  DUPLICATE_REASONS,
  type DuplicatePair,
  type DuplicateSide,
  type MergeRequest,
} from '../../../common/directory-transfer';
import { useSubmit } from '../../app/use-submit';
import { BackLink } from '../../ui/BackLink';
import { Button } from '../../ui/Button';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { NO_ERRORS, summaryOf } from '../../ui/form-errors';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Radios } from '../../ui/Radios';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import { DUPLICATES_KEY, mergeDuplicate, useDuplicates } from './transfer-api';

const pairKey = (p: DuplicatePair) => `${p.kind}:${p.a.id}:${p.b.id}`;

function duplicateColumns(onMerge: (pair: DuplicatePair) => void): DataColumn<DuplicatePair>[] {
  return [
    {
      header: 'Why',
      cell: (pair) => (
        <>
          {DUPLICATE_REASONS[pair.reason]}
          {pair.detail && <div className="nhsuk-body-s nhsuk-u-margin-bottom-0">{pair.detail}</div>}
          {pair.kind === 'service' && (
            <div className="nhsuk-body-s nhsuk-u-margin-bottom-0">Name similarity {Math.round(pair.score * 100)}%</div>
          )}
        </>
      ),
    },
    { header: 'First listing', cell: (pair) => <Side pair={pair} side={pair.a} /> },
    { header: 'Second listing', cell: (pair) => <Side pair={pair} side={pair.b} /> },
    {
      header: 'Action',
      hiddenHeader: true,
      cell: (pair) =>
        pair.kind === 'service' ? (
          <Button type="button" variant="secondary" small onClick={() => onMerge(pair)}>
            Merge<span className="nhsuk-u-visually-hidden"> {`${pair.a.name} and ${pair.b.name}`}</span>
          </Button>
        ) : (
          <span className="nhsuk-body-s">Check with the organisations; merge their services one by one</span>
        ),
    },
  ];
}

/** Listings that may be one service twice, and the merge that retires one of them. */
export function DuplicatesPage() {
  const { data, error, isPending } = useDuplicates();
  const [merging, setMerging] = useState<DuplicatePair | null>(null);
  usePageTitle(merging ? 'Merge duplicate listings' : 'Possible duplicates');
  const [notice, setNotice] = useState<string | null>(null);
  if (error) return <ServiceProblem error={error} />;

  if (merging) {
    return (
      <MergeForm
        pair={merging}
        onCancel={() => setMerging(null)}
        onMerged={(message) => {
          setMerging(null);
          setNotice(message);
        }}
      />
    );
  }

  return (
    <>
      <BackLink to="/admin/directory">Directory import and export</BackLink>
      {notice && <NotificationBanner variant="success" heading={notice} />}
      <h1>Possible duplicates</h1>
      <p>
        Organisations with the same charity or company number, and services with similar names at the same postcode (or,
        without a place, in the same organisation). Merging retires one listing and keeps its history.
      </p>
      {isPending ? (
        <Loading what="possible duplicates" />
      ) : data.length === 0 ? (
        <p>No possible duplicates found.</p>
      ) : (
        <DataTable
          caption="Possible duplicates"
          captionHidden
          rowHeader={false}
          columns={duplicateColumns((pair) => {
            setNotice(null);
            setMerging(pair);
          })}
          rows={data}
          rowKey={pairKey}
        />
      )}
    </>
  );
}

function Side({ pair, side }: { pair: DuplicatePair; side: DuplicateSide }) {
  if (pair.kind === 'organization') return <strong>{side.name}</strong>;
  return (
    <>
      <Link to={`/directory/review/services/${encodeURIComponent(side.id)}`}>{side.name}</Link>
      <div className="nhsuk-body-s nhsuk-u-margin-bottom-0">{side.organization.name}</div>
      <div className="nhsuk-body-s nhsuk-u-margin-bottom-0">
        {side.postal_codes.length ? side.postal_codes.join(', ') : 'No address'}
        {side.status && side.status !== 'active' ? ` · ${side.status}` : ''}
      </div>
    </>
  );
}

const LABELS = { keep_id: 'Listing to keep', reason: 'Reason', merge_id: 'Listing to retire' };

function MergeForm({
  pair,
  onCancel,
  onMerged,
}: {
  pair: DuplicatePair;
  onCancel: () => void;
  onMerged: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const [keepId, setKeepId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const write = useSubmit({
    mutationFn: (merge: { request: MergeRequest; done: string }) => mergeDuplicate(merge.request),
    labels: LABELS,
    onSuccess: async (_, { done }) => {
      await queryClient.invalidateQueries({ queryKey: DUPLICATES_KEY });
      onMerged(done);
    },
    onError: () => setConfirming(false),
  });
  const { busy, errors, setErrors } = write;
  const keep = keepId === pair.a.id ? pair.a : keepId === pair.b.id ? pair.b : null;
  const retire = keep === pair.a ? pair.b : keep === pair.b ? pair.a : null;

  function check(event: FormEvent) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (!keep) fields.keep_id = 'Select the listing to keep';
    if (!reason.trim()) fields.reason = 'Enter why these are the same service';
    if (Object.keys(fields).length) {
      setErrors({ fields, form: null });
      return;
    }
    setErrors(NO_ERRORS);
    setConfirming(true);
  }

  function merge() {
    if (!keep || !retire) return;
    void write.submit({
      request: { keep_id: keep.id, merge_id: retire.id, reason: reason.trim() },
      done: `“${retire.name}” was merged into “${keep.name}”`,
    });
  }

  const summary = summaryOf(errors, ['keep_id', 'reason'], 'keep_id');
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={summary} revision={errors} />
        <h1>Merge duplicate listings</h1>
        {confirming && keep && retire ? (
          <>
            <div className="nhsuk-warning-callout">
              <h2 className="nhsuk-warning-callout__label">
                <span className="nhsuk-u-visually-hidden">Important: </span>Check before you merge
              </h2>
              <p>
                “{retire.name}” ({retire.organization.name}) will be marked inactive and point to “{keep.name}” (
                {keep.organization.name}). Its open reports move to the kept listing, which also gains any categories it
                lacked; partners’ waiting edits of it are withdrawn. Both histories are kept.
              </p>
              <p>Reason: {reason.trim()}</p>
            </div>
            <div className="waymark-button-group">
              <Button type="button" variant="warning" aria-disabled={busy} onClick={merge}>
                {busy ? 'Merging…' : 'Yes, merge these listings'}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
                Change
              </Button>
            </div>
          </>
        ) : (
          <form onSubmit={check} noValidate>
            <Radios
              name="keep_id"
              legend="Which listing do you keep?"
              hint="The other one is retired; its history stays."
              defaultValue={keepId ?? undefined}
              error={errors.fields.keep_id}
              onChange={setKeepId}
              options={[pair.a, pair.b].map((side) => ({
                value: side.id,
                label: side.name,
                hint: `${side.organization.name} · ${side.postal_codes.join(', ') || 'No address'}`,
              }))}
            />
            <div className={`nhsuk-form-group${errors.fields.reason ? ' nhsuk-form-group--error' : ''}`}>
              <label className="nhsuk-label nhsuk-label--s" htmlFor="reason">
                Why are these the same service?
              </label>
              {errors.fields.reason && (
                <span className="nhsuk-error-message" id="reason-error">
                  <span className="nhsuk-u-visually-hidden">Error:</span> {errors.fields.reason}
                </span>
              )}
              <textarea
                className={`nhsuk-textarea${errors.fields.reason ? ' nhsuk-textarea--error' : ''}`}
                id="reason"
                name="reason"
                rows={3}
                maxLength={1000}
                value={reason}
                aria-describedby={errors.fields.reason ? 'reason-error' : undefined}
                onChange={(event) => setReason(event.target.value)}
              />
            </div>
            <div className="waymark-button-group">
              <Button>Continue</Button>
              <Button type="button" variant="secondary" onClick={onCancel}>
                Cancel
              </Button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
