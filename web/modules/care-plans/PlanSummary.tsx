import type { CarePlanContent } from '../../../common/care-plan';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { formatDay } from './plan-format';

type Action = CarePlanContent['actions'][number];

const ACTION_COLUMNS: DataColumn<Action>[] = [
  { header: 'Who', cell: (a) => a.who },
  { header: 'What', cell: (a) => a.what },
  { header: 'By when', cell: (a) => (a.byWhen ? formatDay(a.byWhen) : 'No date') },
  { header: 'Done', cell: (a) => (a.done ? 'Yes' : 'Not yet') },
];

/** The plan in plain language, as the person reads it (print page, and "the latest version"). */
export function PlanSummary({
  content,
  domains,
  headingLevel = 2,
}: {
  content: CarePlanContent;
  domains: { code: string; label: string }[];
  headingLevel?: 2 | 3;
}) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const label = (code: string) => domains.find((d) => d.code === code)?.label ?? code;
  const none = <p className="nhsuk-body">Nothing written yet.</p>;
  return (
    <>
      <H>What matters to me</H>
      {content.whatMattersToMe ? <p className="waymark-plan-text">{content.whatMattersToMe}</p> : none}
      <H>My strengths</H>
      {content.strengths ? <p className="waymark-plan-text">{content.strengths}</p> : none}
      <H>What I would like help with</H>
      {content.needs.length ? (
        <ul>
          {content.needs.map((n, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a saved version never changes
            <li key={i}>
              <strong>{label(n.domain)}</strong>
              {n.notes ? `: ${n.notes}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        none
      )}
      <H>My goals</H>
      {content.goals.length
        ? content.goals.map((g, i) => {
            const latest = g.progress.at(-1);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: a saved version never changes
              <div className="waymark-plan-goal" key={i}>
                <p className="nhsuk-body-l nhsuk-u-margin-bottom-1">
                  {i + 1}. “{g.text}”
                </p>
                <p className="nhsuk-body">
                  {g.targetDate ? `I would like to do this by ${formatDay(g.targetDate)}.` : 'No target date yet.'}
                  {latest && ` How I am getting on: ${latest.score} out of 10 (on ${formatDay(latest.date)}).`}
                </p>
              </div>
            );
          })
        : none}
      <H>What we will do</H>
      {content.actions.length ? (
        <DataTable
          caption="What we will do"
          captionHidden
          columns={ACTION_COLUMNS}
          // A saved version never changes: its actions keep their places.
          rows={content.actions.map((action, n) => ({ ...action, n }))}
          rowKey={(a) => String(a.n)}
          rowHeader={false}
        />
      ) : (
        none
      )}
      <H>If things get worse</H>
      {content.ifThingsGetWorse ? <p className="waymark-plan-text">{content.ifThingsGetWorse}</p> : none}
      <p className="nhsuk-body">
        We agreed this plan on {formatDay(content.agreedOn)}. We will look at it again on {formatDay(content.reviewOn)}.
      </p>
    </>
  );
}
