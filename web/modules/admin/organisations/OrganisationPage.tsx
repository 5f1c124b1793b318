import { useQueryClient } from '@tanstack/react-query';
import { TextInput } from 'nhsuk-react-components';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { OrganisationDetail, OrganisationHistoryItem } from '../../../../common/admin-lists';
import { ApiError, queryString } from '../../../app/api';
import { NotFoundPage } from '../../../app/NotFoundPage';
import { useSubmit } from '../../../app/use-submit';
import { BackLink } from '../../../ui/BackLink';
import { Button } from '../../../ui/Button';
import { type DataColumn, DataTable } from '../../../ui/DataTable';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { hasErrors, summaryOf } from '../../../ui/form-errors';
import { formatDateTime, formatDay } from '../../../ui/format';
import { NotificationBanner } from '../../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../../ui/ServiceProblem';
import { SummaryList } from '../../../ui/SummaryList';
import { Tag } from '../../../ui/Tag';
import { usePageTitle } from '../../../ui/use-page-title';
import { LIST_SIZE_LABEL, readListSize } from './list-size';
import {
  ORGANISATIONS_KEY,
  type OrganisationChanges,
  setRetired,
  updateOrganisation,
  useOrganisation,
} from './organisations-api';

const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  code: 'Code',
  email: 'Practice mailbox',
  listSize: LIST_SIZE_LABEL,
  postcode: 'Postcode',
  publicPhone: 'Phone for residents',
  publicEmail: 'Email for residents',
};
const EDIT_FIELDS = ['name', 'code', 'email', 'listSize', 'postcode', 'publicPhone', 'publicEmail'];
const CHANGE_LABELS = { created: 'Added', edited: 'Changed', retired: 'Retired', reinstated: 'Reinstated' } as const;

export function OrganisationPage() {
  const { organisationId } = useParams();
  const { data, error, isPending } = useOrganisation(organisationId);
  const [notice, setNotice] = useState<string | null>(null);
  usePageTitle(data ? data.name : 'Organisation');
  if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;
  if (error) return <ServiceProblem error={error} />;
  if (isPending) return <Loading what="the organisation" />;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackLink to="/admin/organisations">Back to organisations</BackLink>
        {notice && <NotificationBanner variant="success" heading={notice} />}
        <h1>
          <span className="nhsuk-caption-l">{data.typeLabel}</span>
          {data.name}
        </h1>
        <SummaryList
          rows={[
            { key: 'Status', value: data.retiredAt ? `Retired on ${formatDay(data.retiredAt)}` : 'In use' },
            { key: data.type === 'vcs' ? 'Charity number' : 'ODS code', value: data.code ?? 'None' },
            ...(data.pcn ? [{ key: 'Primary care network', value: data.pcn.name }] : []),
            ...(data.type === 'practice'
              ? [
                  { key: 'Practice mailbox', value: data.email ?? 'Not set' },
                  {
                    key: LIST_SIZE_LABEL,
                    value: data.listSize === null ? 'Not recorded' : data.listSize.toLocaleString('en-GB'),
                  },
                  { key: 'Postcode', value: data.postcode ?? 'Not recorded' },
                ]
              : []),
            ...(data.type === 'pcn'
              ? [
                  { key: 'Phone for residents', value: data.publicPhone ?? 'Not set' },
                  { key: 'Email for residents', value: data.publicEmail ?? 'Not set' },
                ]
              : []),
            {
              // A PCN's count takes in its practices' staff; the users list filters by where each
              // person is placed, so the link from a PCN finds its own team.
              key: data.type === 'pcn' ? 'Active users (with its practices)' : 'Active users',
              value: (
                <>
                  {data.activeUsers}{' '}
                  <Link to={`/admin/users${queryString({ organisationId: data.id })}`}>
                    {data.type === 'pcn' ? 'Find the PCN team' : 'Find its users'}
                    <span className="nhsuk-u-visually-hidden"> in the users list</span>
                  </Link>
                </>
              ),
            },
            { key: 'Added', value: formatDay(data.createdAt) },
          ]}
        />
        {!data.retiredAt && (
          <EditForm
            key={JSON.stringify(EDIT_FIELDS.map((f) => data[f as keyof OrganisationDetail]))}
            organisation={data}
            onSaved={setNotice}
          />
        )}
        <Retirement key={data.retiredAt ?? 'in use'} organisation={data} onDone={setNotice} />
        <History organisation={data} />
      </div>
    </div>
  );
}

function EditForm({ organisation, onSaved }: { organisation: OrganisationDetail; onSaved: (n: string) => void }) {
  const queryClient = useQueryClient();
  const codeLabel = organisation.type === 'vcs' ? 'Charity number (optional)' : 'ODS code';
  const write = useSubmit({
    mutationFn: (changes: OrganisationChanges) => updateOrganisation(organisation.id, changes),
    labels: { ...FIELD_LABELS, code: codeLabel },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ORGANISATIONS_KEY });
      onSaved('Your changes have been saved');
    },
  });
  const { busy, errors, setErrors } = write;
  usePageTitle(organisation.name, hasErrors(errors));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    const code = String(form.get('code') ?? '')
      .trim()
      .toUpperCase();
    const email = String(form.get('email') ?? '').trim();
    const optional = (field: string) => String(form.get(field) ?? '').trim() || null;
    const listSize = readListSize(String(form.get('listSize') ?? ''));
    const fields: Record<string, string> = {};
    if (listSize.error) fields.listSize = listSize.error;
    if (name.length < 2) fields.name = name ? 'Name must be at least 2 characters' : 'Enter the name';
    if (!code && organisation.type !== 'vcs') fields.code = 'Enter the ODS code';
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    void write.submit({
      name,
      code: code || null,
      ...(organisation.type === 'practice'
        ? { email: email || null, listSize: listSize.value ?? null, postcode: optional('postcode') }
        : {}),
      ...(organisation.type === 'pcn'
        ? { publicPhone: optional('publicPhone'), publicEmail: optional('publicEmail') }
        : {}),
    });
  }

  return (
    <section aria-labelledby="edit-heading">
      <h2 id="edit-heading">Change the details</h2>
      <ErrorSummary errors={summaryOf(errors, EDIT_FIELDS)} revision={errors} />
      <form onSubmit={submit} noValidate>
        <TextInput id="name" name="name" label="Name" defaultValue={organisation.name} error={errors.fields.name} />
        <TextInput
          id="code"
          name="code"
          label={codeLabel}
          width={10}
          defaultValue={organisation.code ?? ''}
          error={errors.fields.code}
        />
        {organisation.type === 'practice' && (
          <TextInput
            id="email"
            name="email"
            type="email"
            label="Practice mailbox (optional)"
            hint="Where Waymark emails decisions about the practice’s referrals."
            defaultValue={organisation.email ?? ''}
            error={errors.fields.email}
          />
        )}
        {organisation.type === 'practice' && (
          <TextInput
            id="listSize"
            name="listSize"
            label={`${LIST_SIZE_LABEL} (optional)`}
            hint="The number of patients registered with the practice. Rates per 1,000 patients use it."
            inputMode="numeric"
            width={10}
            defaultValue={organisation.listSize ?? ''}
            error={errors.fields.listSize}
          />
        )}
        {organisation.type === 'practice' && (
          <TextInput
            id="postcode"
            name="postcode"
            label="Postcode (optional)"
            hint="A resident who does not know their GP surgery is sent to the team of the nearest one."
            width={10}
            autoComplete="off"
            defaultValue={organisation.postcode ?? ''}
            error={errors.fields.postcode}
          />
        )}
        {organisation.type === 'pcn' && (
          <>
            <TextInput
              id="publicPhone"
              name="publicPhone"
              type="tel"
              label="Phone for residents (optional)"
              hint="Shown to people who refer themselves, on their status page and in their confirmation."
              width={20}
              defaultValue={organisation.publicPhone ?? ''}
              error={errors.fields.publicPhone}
            />
            <TextInput
              id="publicEmail"
              name="publicEmail"
              type="email"
              label="Email for residents (optional)"
              hint="A shared team mailbox, not a person's own address."
              defaultValue={organisation.publicEmail ?? ''}
              error={errors.fields.publicEmail}
            />
          </>
        )}
        <Button variant="secondary" aria-disabled={busy || undefined}>
          {busy ? 'Saving…' : 'Save changes'}
        </Button>
      </form>
    </section>
  );
}

/** Retire (or reinstate) after saying why: asked on its own step because it changes who can work. */
function Retirement({ organisation, onDone }: { organisation: OrganisationDetail; onDone: (n: string) => void }) {
  const retired = organisation.retiredAt !== null;
  const [open, setOpen] = useState(false);
  const queryClient = useQueryClient();
  const verb = retired ? 'Reinstate' : 'Retire';
  const write = useSubmit({
    mutationFn: (reason: string) => setRetired(organisation.id, !retired, reason),
    labels: { reason: 'Reason' },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ORGANISATIONS_KEY });
      onDone(`${organisation.name} has been ${retired ? 'reinstated' : 'retired'}`);
    },
  });
  const { busy, errors, setErrors } = write;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    if (!reason) {
      return setErrors({
        fields: { reason: `Enter why you are ${retired ? 'reinstating' : 'retiring'} it` },
        form: null,
      });
    }
    void write.submit(reason);
  }

  return (
    <section aria-labelledby="retire-heading">
      <h2 id="retire-heading">{retired ? 'Reinstate' : 'Retire'} this organisation</h2>
      <ErrorSummary errors={summaryOf(errors, ['reason'])} revision={errors} />
      <p>
        {retired
          ? 'Reinstating brings it back into the lists people choose from.'
          : 'Retire an organisation that has closed or merged. It is not deleted: its referrals, cases and history stay, but it leaves the lists people choose from and takes no new users or referrals. Move its users (and, for a PCN, its practices and open referrals) first.'}
      </p>
      {open ? (
        <div className="nhsuk-warning-callout">
          <h3 className="nhsuk-warning-callout__label">
            <span className="nhsuk-u-visually-hidden">Important: </span>
            {verb} {organisation.name}?
          </h3>
          <form onSubmit={submit} noValidate>
            <TextInput
              id="reason"
              name="reason"
              label="Why?"
              hint="Kept in its history."
              error={errors.fields.reason}
            />
            <div className="nhsuk-button-group">
              <Button variant={retired ? 'primary' : 'warning'} aria-disabled={busy || undefined}>
                {busy ? 'Saving…' : `Yes, ${verb.toLowerCase()} it`}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
                Cancel
              </Button>
            </div>
          </form>
        </div>
      ) : (
        <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
          {verb} {organisation.name}
        </Button>
      )}
    </section>
  );
}

const HISTORY_COLUMNS: DataColumn<OrganisationHistoryItem>[] = [
  { header: 'When', cell: (h) => formatDateTime(h.at) },
  {
    header: 'What',
    cell: (h) => (
      <>
        <Tag colour={h.change === 'retired' ? 'grey' : h.change === 'edited' ? 'blue' : 'green'}>
          {CHANGE_LABELS[h.change]}
        </Tag>
        {h.changes.map((c) => (
          <span key={c.field} className="waymark-secondary-text">
            {FIELD_LABELS[c.field] ?? c.field}: {c.from ?? 'none'} → {c.to ?? 'none'}
          </span>
        ))}
        {h.reason && <span className="waymark-secondary-text">Why: {h.reason}</span>}
      </>
    ),
  },
  { header: 'Who', cell: (h) => h.by ?? 'Set-up (not recorded)' },
];

function History({ organisation }: { organisation: OrganisationDetail }) {
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {organisation.history.length === 0 ? (
        <p>No changes since it was added on {formatDay(organisation.createdAt)}.</p>
      ) : (
        <DataTable
          caption={<span className="nhsuk-u-visually-hidden">Changes to {organisation.name}, newest first</span>}
          columns={HISTORY_COLUMNS}
          rows={organisation.history}
          rowKey={(h) => `${h.at}:${h.change}`}
        />
      )}
    </section>
  );
}
