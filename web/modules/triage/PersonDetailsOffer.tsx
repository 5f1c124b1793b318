import { type FormEvent, useState } from 'react';
import type { ReferralView } from '../../../common/api-types';
import { IDENTITY_CHECKS } from '../../../common/referrals';
import { api } from '../../app/api';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { CheckboxesField } from '../../ui/FormFields';

type OfferedDetail = ReferralView['personDetailsOffered'][number];

const DETAIL_COLUMNS: DataColumn<OfferedDetail>[] = [
  { header: 'Detail', cell: (d) => d.label },
  { header: 'On record', cell: (d) => <span className="waymark-break">{d.onRecord ?? 'Not recorded'}</span> },
  { header: 'On this referral', cell: (d) => <span className="waymark-break">{d.onReferral}</span> },
];

/** Why the team must check who the referral is for (an NHS number that could not be linked). */
export function IdentityCheckWarning({ r }: { r: ReferralView }) {
  if (!r.identityCheck) return null;
  return (
    <div className="nhsuk-warning-callout">
      <h2 className="nhsuk-warning-callout__label">
        <span className="nhsuk-u-visually-hidden">Important: </span>
        Check who this referral is for
      </h2>
      <p>{IDENTITY_CHECKS[r.identityCheck]}</p>
    </div>
  );
}

/**
 * The referral gives some of the person's details differently from their record. Waymark never
 * changes the record by itself (another team may rely on it): whoever may change the case
 * accepts the details they have checked, or keeps the record as it is.
 */
export function PersonDetailsOffer({
  r,
  canDecide,
  onDone,
}: {
  r: ReferralView;
  canDecide: boolean;
  onDone: (message: string) => void;
}) {
  const [accept, setAccept] = useState<string[]>([]);
  const {
    submit: decide,
    busy,
    errors,
    setErrors,
  } = useSubmit({
    mutationFn: (fields: string[]) =>
      api(`/api/referrals/${encodeURIComponent(r.id)}/person-details`, { method: 'POST', body: { accept: fields } }),
    labels: { accept: 'Details to update' },
    onSuccess: (_, fields) =>
      onDone(fields.length ? 'The person’s record has been updated' : 'The person’s record has been kept as it is'),
  });
  if (r.personDetailsOffered.length === 0) return null;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (accept.length === 0) {
      setErrors({ fields: { accept: 'Select the details to update, or keep the record as it is' }, form: null });
      return;
    }
    void decide(accept);
  };

  return (
    <div className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading">New details on this referral</h2>
        <p>
          This referral gives some of the person’s details differently from their record. The record has not been
          changed. Check with the person before you update it.
        </p>
        <DataTable
          caption="Details that differ"
          captionHidden
          columns={DETAIL_COLUMNS}
          rows={r.personDetailsOffered}
          rowKey={(d) => d.field}
        />
        {canDecide && (
          <form onSubmit={submit} noValidate>
            <CheckboxesField
              id="person-details-accept"
              legend="Which details should replace the record?"
              hint="Select the ones the person has confirmed"
              error={errors.fields.accept ?? errors.form ?? undefined}
              options={r.personDetailsOffered.map((d) => ({ value: d.field, text: `${d.label}: ${d.onReferral}` }))}
              checked={accept}
              onChange={setAccept}
            />
            <div className="nhsuk-button-group">
              <Button aria-disabled={busy || undefined}>Update the record</Button>
              <Button
                type="button"
                variant="secondary"
                aria-disabled={busy || undefined}
                onClick={() => void decide([])}
              >
                Keep the record as it is
              </Button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
