import type { GpMessage } from '../../../common/cases';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { SummaryList } from '../../ui/SummaryList';
import { formatWhen } from './referral-format';

const day = (iso: string) => formatWhen(iso).replace(/,.*$/, '');

/** "Referred to Riverside Walkers (Northshire Walks): Closed, outcome Completed, 4 sessions attended". */
function onwardLine(r: GpMessage['onwardReferrals'][number]): string {
  const to = `${r.kindLabel ?? 'Referred'} to ${r.service}${r.organisation ? ` (${r.organisation})` : ''}`;
  if (r.kind === 'signpost') return to;
  const parts = [r.status, r.outcome ? `outcome ${r.outcome}` : null];
  if (r.sessionsAttended) parts.push(`${r.sessionsAttended} session${r.sessionsAttended === 1 ? '' : 's'} attended`);
  return `${to}: ${parts.filter(Boolean).join(', ')}`;
}

const CODE_COLUMNS: DataColumn<GpMessage['codes'][number]>[] = [
  { header: 'Code', cell: (c) => c.code },
  { header: 'Term', cell: (c) => c.display },
  { header: 'Date', cell: (c) => (c.date ? day(c.date) : 'Not dated') },
];

/** The message back to the GP: what was offered, onward referrals, outcome change and the codes. */
export function GpMessageDetails({ message: m, headingLevel = 2 }: { message: GpMessage; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const o = m.offered;
  return (
    <section aria-labelledby={`gp-message-${m.id}`}>
      <H id={`gp-message-${m.id}`}>Discharge summary for the GP</H>
      <SummaryList
        rows={[
          { key: 'Reference', value: m.reference },
          { key: 'Discharged', value: formatWhen(m.dischargedAt) },
          { key: 'Reason', value: m.dischargeReasonLabel },
          { key: 'Summary', value: <span className="waymark-preserve-lines">{m.summary}</span> },
          {
            key: 'What was offered',
            value: (
              <>
                {o.attended} attended contact{o.attended === 1 ? '' : 's'} of {o.contactsTotal} arranged
                {o.byMode.length > 0 && `: ${o.byMode.map((b) => `${b.label.toLowerCase()} ${b.count}`).join(', ')}`}.
                {o.attendedDates.length > 0 && <> Dates: {o.attendedDates.map(day).join(', ')}.</>}
              </>
            ),
          },
          {
            key: 'Onward referrals',
            value:
              m.onwardReferrals.length === 0 ? (
                'None recorded in Waymark.'
              ) : (
                <ul className="nhsuk-list">
                  {m.onwardReferrals.map((r, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the lines have no id and never reorder
                    <li key={i}>{onwardLine(r)}</li>
                  ))}
                </ul>
              ),
          },
          {
            key: 'Outcome change',
            value: m.outcomeChange ? (
              <ul className="nhsuk-list">
                {m.outcomeChange.measures.flatMap((measure) =>
                  measure.indicators.map((i) => (
                    <li key={`${measure.measure}-${i.label}`}>
                      {measure.label}
                      {measure.indicators.length > 1 ? `, ${i.label}` : ''}: {i.baseline} to {i.latest} ({i.direction})
                    </li>
                  )),
                )}
              </ul>
            ) : (
              'No change can be shown: no outcome measure was recorded at baseline and again later.'
            ),
          },
          { key: 'Discharged by', value: m.author ?? 'The social prescribing team' },
        ]}
      />
      <H className="nhsuk-heading-s">SNOMED CT codes for the patient record</H>
      <DataTable
        caption="SNOMED CT codes for the patient record"
        captionHidden
        columns={CODE_COLUMNS}
        rows={m.codes}
        rowKey={(c) => c.code}
        rowHeader={false}
      />
    </section>
  );
}
