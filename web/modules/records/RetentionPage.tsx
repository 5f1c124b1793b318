import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { RETENTION_RULE_LABELS, type RetentionReport } from '../../../common/records';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxField } from '../../ui/FormFields';
import { hasErrors, summaryOf } from '../../ui/form-errors';
import { formatDateTime, formatDay } from '../../ui/format';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { SummaryList } from '../../ui/SummaryList';
import { TableScroll } from '../../ui/TableScroll';
import { usePageTitle } from '../../ui/use-page-title';
import { changeRetentionSettings, destroyRecords, RETENTION_KEY, useRetentionReport } from './records-api';

const LABELS: Record<string, string> = {
  confirm: 'Confirmation',
  expectedPeople: 'Number of records',
  scheduledDestruction: 'Nightly destruction',
  version: 'Settings',
};

/**
 * Records retention (issue 19): the dry run first — what is past the NHS Records Management Code
 * of Practice's retention and would be destroyed, as ids, counts and dates only — then "destroy
 * now" with a confirmation, and the switch for the nightly job.
 */
export function RetentionPage() {
  const report = useRetentionReport();
  const [notice, setNotice] = useState<string | null>(null);
  usePageTitle('Records retention');
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-full">
        {notice && <NotificationBanner variant="success" heading={notice} />}
        <h1>Records retention</h1>
        <p>
          Social prescribing records are adult health and social care records: they are kept for 8 years after support
          ended; a child’s until their 25th birthday (26th if they were 17 when support ended). After that they are
          destroyed, and a stub says what was destroyed and when. People whose processing is restricted are kept.
        </p>
        {report.error ? (
          <ServiceProblem error={report.error} />
        ) : report.isPending ? (
          <Loading what="the retention report" />
        ) : (
          <Report report={report.data} onDone={setNotice} />
        )}
      </div>
    </div>
  );
}

function Report({ report, onDone }: { report: RetentionReport; onDone: (message: string) => void }) {
  const shown = report.due.items.length;
  return (
    <>
      <h2>Due for destruction on {formatDay(`${report.asOf}T12:00:00Z`)}</h2>
      <SummaryList
        rows={[
          { key: 'People’s records due', value: String(report.due.people) },
          { key: 'Referrals in them', value: String(report.due.referrals) },
          { key: 'Kept: processing restricted', value: String(report.heldByRestriction) },
          { key: 'Destroyed so far', value: String(report.destroyed.total) },
        ]}
      />
      {report.due.people === 0 ? (
        <p>No records are past retention today.</p>
      ) : (
        <>
          <TableScroll label="Records due for destruction">
            <table className="nhsuk-table" data-testid="due-records">
              <caption className="nhsuk-table__caption nhsuk-table__caption--m">
                {shown < report.due.people
                  ? `The first ${shown} of ${report.due.people} records due`
                  : 'Records due for destruction'}
              </caption>
              <thead className="nhsuk-table__head">
                <tr>
                  <th scope="col">Record</th>
                  <th scope="col">Referrals</th>
                  <th scope="col">Support ended</th>
                  <th scope="col">Kept until</th>
                  <th scope="col">Rule</th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {report.due.items.map((item) => (
                  <tr key={item.recordId}>
                    <td>
                      <code>{item.recordId.slice(0, 8)}</code>
                    </td>
                    <td>{item.referralCount}</td>
                    <td>{formatDay(`${item.closedOn}T12:00:00Z`)}</td>
                    <td>{formatDay(`${item.retainUntil}T12:00:00Z`)}</td>
                    <td>{RETENTION_RULE_LABELS[item.rule]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <DestroyForm people={report.due.people} onDone={onDone} />
        </>
      )}
      <SettingsForm report={report} onDone={onDone} />
      <h2 className="nhsuk-u-margin-top-7">Destroyed records</h2>
      {report.destroyed.recent.length === 0 ? (
        <p>No records have been destroyed yet.</p>
      ) : (
        <TableScroll label="Destroyed records">
          <table className="nhsuk-table" data-testid="destroyed-records">
            <caption className="nhsuk-table__caption nhsuk-table__caption--m">The latest stubs</caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">Record</th>
                <th scope="col">Referrals</th>
                <th scope="col">Support ended</th>
                <th scope="col">Destroyed</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {report.destroyed.recent.map((d) => (
                <tr key={d.recordId}>
                  <td>
                    <code>{d.recordId.slice(0, 8)}</code>
                  </td>
                  <td>{d.referralCount}</td>
                  <td>{formatDay(`${d.closedOn}T12:00:00Z`)}</td>
                  <td>{formatDateTime(d.destroyedAt)}</td>
                  <td>{d.how === 'scheduled' ? 'Nightly job' : (d.destroyedByName ?? 'An administrator')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

function DestroyForm({ people, onDone }: { people: number; onDone: (message: string) => void }) {
  const queryClient = useQueryClient();
  const [confirmed, setConfirmed] = useState(false);
  const write = useSubmit({
    mutationFn: destroyRecords,
    labels: LABELS,
    onSuccess: async (result) => {
      setConfirmed(false);
      await queryClient.invalidateQueries({ queryKey: RETENTION_KEY });
      onDone(`${result.destroyed} records (${result.referrals} referrals) were destroyed. A stub of each is kept.`);
      window.scrollTo(0, 0);
    },
  });
  const { busy, errors, setErrors } = write;
  usePageTitle('Records retention', hasErrors(errors));
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!confirmed) {
      return setErrors({ fields: { confirm: 'Confirm that these records are to be destroyed' }, form: null });
    }
    void write.submit({ confirm: true, expectedPeople: people });
  }
  return (
    <section aria-labelledby="destroy-heading" className="nhsuk-u-margin-top-5">
      <ErrorSummary errors={summaryOf(errors, ['confirm', 'expectedPeople'], 'confirm')} revision={errors} />
      <h2 id="destroy-heading">Destroy these records now</h2>
      <div className="nhsuk-warning-callout">
        <h3 className="nhsuk-warning-callout__label">
          <span className="nhsuk-u-visually-hidden">Important: </span>This cannot be undone
        </h3>
        <p>
          Each person’s record is destroyed whole: their details, referrals, case notes, contacts, care plans, outcome
          measures, community referrals and messages. Only a stub without personal data is kept, and the audit log.
        </p>
      </div>
      <form onSubmit={submit} noValidate>
        <CheckboxField
          id="confirm"
          label={`I have appraised the list and confirm that these ${people} records are to be destroyed`}
          checked={confirmed}
          error={errors.fields.confirm ?? errors.form ?? undefined}
          onChange={setConfirmed}
        />
        <Button variant="warning" disabled={busy}>
          Destroy {people} records
        </Button>
      </form>
    </section>
  );
}

function SettingsForm({ report, onDone }: { report: RetentionReport; onDone: (message: string) => void }) {
  const queryClient = useQueryClient();
  const [on, setOn] = useState(report.settings.scheduledDestruction);
  const write = useSubmit({
    mutationFn: changeRetentionSettings,
    labels: LABELS,
    onSuccess: async (s) => {
      await queryClient.invalidateQueries({ queryKey: RETENTION_KEY });
      onDone(s.scheduledDestruction ? 'Nightly destruction is on.' : 'Nightly destruction is off.');
      window.scrollTo(0, 0);
    },
  });
  const { busy, errors } = write;
  return (
    <section aria-labelledby="settings-heading" className="nhsuk-u-margin-top-7">
      <ErrorSummary
        errors={summaryOf(errors, ['scheduledDestruction', 'version'], 'scheduledDestruction')}
        revision={errors}
      />
      <h2 id="settings-heading">Nightly destruction</h2>
      <p>
        {report.settings.scheduledDestruction
          ? 'On: every night at 2:30am, records past retention are destroyed as above, without asking.'
          : 'Off: records are destroyed only when an administrator confirms here.'}
        {report.settings.updatedAt &&
          ` Last changed ${formatDateTime(report.settings.updatedAt)}${report.settings.updatedByName ? ` by ${report.settings.updatedByName}` : ''}.`}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void write.submit({ scheduledDestruction: on, version: report.settings.version });
        }}
        noValidate
      >
        <CheckboxField
          id="scheduledDestruction"
          label="Destroy records past retention every night, unattended"
          checked={on}
          error={errors.fields.scheduledDestruction ?? errors.form ?? undefined}
          onChange={setOn}
        />
        <Button variant="secondary" disabled={busy}>
          Save
        </Button>
      </form>
    </section>
  );
}
