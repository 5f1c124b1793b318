import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { REFERRAL_CAPACITY_LABELS, SERVICE_STATUS_LABELS } from '../../../common/directory';
import {
  type OnwardKind,
  SHARED_FIELD_LABELS,
  SHARED_FIELDS,
  type SharedField,
} from '../../../common/onward-referrals';
import { ApiError } from '../../app/api';
import { NotFoundPage } from '../../app/NotFoundPage';
import { useSubmit } from '../../app/use-submit';
import { BackLink } from '../../ui/BackLink';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxesField, CheckboxField, TextAreaField, TextField } from '../../ui/FormFields';
import { summaryOf } from '../../ui/form-errors';
import { Radios } from '../../ui/Radios';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { SummaryList } from '../../ui/SummaryList';
import { usePageTitle } from '../../ui/use-page-title';
import { createOnwardReferral, onwardChanged, useCaseForReferral, useStaffListing } from './onward-api';

const LABELS = {
  serviceId: 'The service',
  kind: 'Signpost or refer',
  consent: 'Consent',
  share: 'What to share',
  contactTimes: 'When to contact them',
  reason: 'What matters to them and why they are referred',
  note: 'Note to the service',
};
const ORDER = ['serviceId', 'kind', 'consent', 'share', 'contactTimes', 'reason', 'note'];

interface Draft {
  kind: OnwardKind | '';
  consent: boolean;
  share: SharedField[];
  contactTimes: string;
  reason: string;
  note: string;
}

/** The chosen service: signpost the person to it, or refer them with their consent. */
export function ReferToServicePage() {
  const { referralId = '', serviceId = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const record = useCaseForReferral(referralId);
  const listing = useStaffListing(serviceId);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const write = useSubmit({
    mutationFn: (confirmCapacity: boolean) => {
      const d = draft as Draft;
      const referral = d.kind === 'referral';
      return createOnwardReferral(referralId, {
        serviceId,
        kind: d.kind as OnwardKind,
        ...(referral ? { consent: d.consent, share: d.share } : {}),
        ...(referral && d.share.includes('contact_times') ? { contactTimes: d.contactTimes } : {}),
        ...(referral && d.share.includes('reason') ? { reason: d.reason } : {}),
        ...(d.note.trim() ? { note: d.note } : {}),
        confirmCapacity,
      });
    },
    labels: LABELS,
    onConflict: (detail) => setConfirming(detail),
    onSuccess: async (created) => {
      await onwardChanged(queryClient, referralId);
      const notice =
        created.kind === 'signpost'
          ? `Signposted to ${created.service.name}`
          : `Referred to ${created.service.name}${created.delivery === 'link' ? ': a secure link was emailed to the service' : ''}`;
      navigate(`/referrals/${referralId}/case`, { state: { notice } });
    },
  });
  const { errors, setErrors, busy } = write;
  const person = record.data?.referral.person;
  const who = person ? `${person.givenName} ${person.familyName}` : '';
  usePageTitle(
    listing.data ? `Refer or signpost to ${listing.data.name}` : 'Refer or signpost',
    errors !== null && (errors.form !== null || Object.keys(errors.fields).length > 0),
  );

  const notFound = [record.error, listing.error].some(
    (e) => e instanceof ApiError && (e.status === 404 || e.status === 400),
  );
  if (notFound) return <NotFoundPage />;
  if (record.error || listing.error) return <ServiceProblem error={record.error ?? listing.error} />;
  if (record.isPending || listing.isPending) return <Loading what="the service" />;
  const service = listing.data;
  const organisation = service.organization.name;
  const d: Draft = draft ?? {
    kind: '',
    consent: false,
    share: ['name', 'contact', 'reason'],
    contactTimes: '',
    reason: record.data.referral.reasons.map((r) => r.label).join(', '),
    note: '',
  };
  const set = (patch: Partial<Draft>) => setDraft({ ...d, ...patch });
  const conflictIsCapacity = write.failure instanceof ApiError && write.failure.problem.code === 'confirm_capacity';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!draft) setDraft(d);
    const fields: Record<string, string> = {};
    if (!d.kind) fields.kind = 'Choose whether to signpost or refer';
    if (d.kind === 'referral' && !d.consent)
      fields.consent = `Record that ${who} agrees to share their details with ${organisation}`;
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    setConfirming(null);
    void write.submit(false);
  }

  const referral = d.kind === 'referral';
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackLink to={`/referrals/${referralId}/community-services`}>Find a community service</BackLink>
        <ErrorSummary errors={summaryOf(errors, ORDER, 'kind')} revision={errors} />
        {confirming && (
          <div className="nhsuk-warning-callout">
            <h2 className="nhsuk-warning-callout__label">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              {conflictIsCapacity ? 'Check before you go ahead' : 'This could not be sent'}
            </h2>
            <p>{confirming}</p>
            {conflictIsCapacity && (
              <Button
                type="button"
                variant="warning"
                onClick={() => void write.submit(true)}
                aria-disabled={busy || undefined}
              >
                Go ahead anyway
              </Button>
            )}
          </div>
        )}
        <span className="nhsuk-caption-l">{who}</span>
        <h1>{service.name}</h1>
        <SummaryList
          rows={[
            { key: 'Run by', value: organisation },
            { key: 'Status', value: SERVICE_STATUS_LABELS[service.status] },
            { key: 'Capacity', value: REFERRAL_CAPACITY_LABELS[service.referral_capacity] },
          ]}
        />
        <form onSubmit={submit} noValidate>
          <Radios
            name="kind"
            legend={`Signpost or refer ${who}`}
            error={errors.fields.kind}
            defaultValue={d.kind || undefined}
            onChange={(kind) => set({ kind: kind as OnwardKind })}
            options={[
              {
                value: 'signpost',
                label: 'Signpost',
                hint: `Tell ${who} about the service. Nothing is shared with ${organisation}.`,
              },
              {
                value: 'referral',
                label: 'Refer',
                hint: `Send ${organisation} the details you choose, with ${who}’s consent.`,
              },
            ]}
          />
          {referral && (
            <>
              <CheckboxField
                id="consent"
                label={`${who} agrees to share the details below with ${organisation}`}
                hint="Recorded with your name and the time. Ask again for each service."
                checked={d.consent}
                error={errors.fields.consent}
                onChange={(consent) => set({ consent })}
              />
              <CheckboxesField
                id="share"
                legend="What to share"
                hint="Only what the service needs. The NHS number, case notes and measures are never shared."
                error={errors.fields.share}
                options={SHARED_FIELDS.map((f) => ({ value: f, text: SHARED_FIELD_LABELS[f] }))}
                checked={d.share}
                onChange={(share) => set({ share: share as SharedField[] })}
              />
              {d.share.includes('contact_times') && (
                <TextField
                  id="contactTimes"
                  label={LABELS.contactTimes}
                  hint="For example, weekday mornings"
                  value={d.contactTimes}
                  error={errors.fields.contactTimes}
                  onChange={(contactTimes) => set({ contactTimes })}
                />
              )}
              {d.share.includes('reason') && (
                <TextAreaField
                  id="reason"
                  label={LABELS.reason}
                  hint="From the referral; change it to the person’s own words"
                  value={d.reason}
                  rows={3}
                  error={errors.fields.reason}
                  onChange={(reason) => set({ reason })}
                />
              )}
            </>
          )}
          <TextAreaField
            id="note"
            label={referral ? LABELS.note : 'Note (optional)'}
            hint={referral ? 'Anything the service should know' : 'Kept in the case only'}
            value={d.note}
            rows={3}
            error={errors.fields.note}
            onChange={(note) => set({ note })}
          />
          <Button aria-disabled={busy || undefined}>
            {busy ? 'Sending…' : referral ? 'Send referral' : d.kind === 'signpost' ? 'Record signpost' : 'Continue'}
          </Button>
        </form>
      </div>
    </div>
  );
}
