import { Textarea } from 'nhsuk-react-components';
import { type FormEvent, useState } from 'react';
import type { ReferralView } from '../../../common/api-types';
import { ApiError } from '../../app/api';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { summaryOf } from '../../ui/form-errors';
import { Radios } from '../../ui/Radios';
import { Loading } from '../../ui/ServiceProblem';
import { Tag } from '../../ui/Tag';
import { formatDate } from '../referrals/referral-format';
import { allocateReferral, useAllocationSuggestion } from './allocation-api';

const LABELS = { workerId: 'Who', overrideReason: 'Reason for choosing someone else' };
const ORDER = ['workerId', 'overrideReason'];

const cases = (n: number) => `${n} open ${n === 1 ? 'case' : 'cases'}`;

/** Waymark's suggestion with its reasons in words; the lead accepts it or chooses someone else with a reason. */
export function AllocationPanel({
  referral,
  onDone,
  onConflict,
}: {
  referral: ReferralView;
  onDone: (view: ReferralView) => void;
  onConflict: (message: string) => void;
}) {
  const [version] = useState(referral.version);
  const { data: s, error, isPending } = useAllocationSuggestion(referral.id, true);
  const [choosing, setChoosing] = useState(false);
  const {
    submit: allocate,
    busy,
    errors,
    setErrors,
  } = useSubmit({
    mutationFn: (choice: { workerId: string; overrideReason?: string }) =>
      allocateReferral(referral.id, { version, ...choice }),
    labels: LABELS,
    onSuccess: onDone,
    onConflict,
    // The server wants a reason for this choice: open the part of the form that takes one.
    onError: (e) => {
      if (e instanceof ApiError && e.fieldErrors.some((f) => f.field === 'overrideReason')) setChoosing(true);
    },
  });

  function submitOverride(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const workerId = String(form.get('workerId') ?? '');
    const reason = String(form.get('overrideReason') ?? '').trim();
    const fields: Record<string, string> = {};
    if (!workerId) fields.workerId = 'Select who should take this referral';
    if (workerId && workerId !== s?.worker?.id && !reason) {
      fields.overrideReason = 'Enter why you are choosing someone other than Waymark’s suggestion';
    }
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, form: null });
      return;
    }
    void allocate({ workerId, overrideReason: reason || undefined });
  }

  if (error) {
    return (
      <section aria-labelledby="allocation-heading">
        <h2 id="allocation-heading">Allocation</h2>
        <p>{error instanceof ApiError ? error.problem.detail : 'The suggestion could not be loaded. Try again.'}</p>
      </section>
    );
  }
  if (isPending) return <Loading what="Waymark’s suggestion" />;

  const atWork = s.team.filter((m) => !m.onLeaveUntil);
  const away = s.team.filter((m) => m.onLeaveUntil);
  return (
    <section aria-labelledby="allocation-heading">
      <h2 id="allocation-heading">Allocation</h2>
      <ErrorSummary errors={summaryOf(errors, ORDER)} revision={errors} />
      <div className="nhsuk-card nhsuk-card--feature">
        <div className="nhsuk-card__content nhsuk-card__content--feature">
          <h3 className="nhsuk-card__heading nhsuk-card__heading--feature">Waymark suggests</h3>
          {s.worker ? (
            <p className="nhsuk-heading-m nhsuk-u-margin-bottom-2">
              {s.worker.name}
              <span className="waymark-secondary-text">
                {s.worker.roleLabel}: {cases(s.worker.openCases)} of {s.worker.capacity}
              </span>
              {s.worker.overCapacity && (
                <span className="waymark-block">
                  <Tag colour="orange">Would be over capacity</Tag>
                </span>
              )}
            </p>
          ) : (
            <p className="nhsuk-heading-m">Nobody at the moment</p>
          )}
          <h4>Why</h4>
          <ul>
            {s.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
          {s.worker && (
            <Button
              type="button"
              className="nhsuk-u-margin-bottom-0"
              aria-disabled={busy || undefined}
              onClick={() => void allocate({ workerId: (s.worker as { id: string }).id })}
            >
              {busy ? 'Allocating…' : `Allocate to ${s.worker.name}`}
            </Button>
          )}
        </div>
      </div>
      <details
        className="nhsuk-details"
        open={choosing || !s.worker}
        // Opened by the user, or by Waymark when the server asks for a reason.
        onToggle={(event) => setChoosing(event.currentTarget.open)}
      >
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Choose someone else</span>
        </summary>
        <div className="nhsuk-details__text">
          <form onSubmit={submitOverride} noValidate>
            <Radios
              name="workerId"
              legend="Who should take this referral?"
              error={errors.fields.workerId}
              options={atWork.map((m) => ({
                value: m.id,
                label: `${m.name}, ${m.roleLabel.toLowerCase()}`,
                hint: `${cases(m.openCases)} of ${m.capacity}${m.openCases >= m.capacity ? ': at capacity' : ''}`,
              }))}
            />
            {away.length > 0 && (
              <p className="nhsuk-body-s">
                On leave today, so not listed:{' '}
                {away.map((m) => `${m.name} (back after ${formatDate(m.onLeaveUntil as string)})`).join(', ')}.
              </p>
            )}
            <Textarea
              id="overrideReason"
              name="overrideReason"
              label="Why are you choosing someone other than Waymark’s suggestion?"
              hint="Kept on the referral’s history, so the team can see why."
              rows={3}
              error={errors.fields.overrideReason}
            />
            <Button variant="secondary" aria-disabled={busy || undefined}>
              Allocate with this reason
            </Button>
          </form>
        </div>
      </details>
    </section>
  );
}
