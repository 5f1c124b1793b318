import type { CarePlanContent } from '../../../common/care-plan';
import { formatDay } from './plan-format';

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
        <table className="nhsuk-table">
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">By when</th>
              <th scope="col">Done</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {content.actions.map((a, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a saved version never changes
              <tr key={i}>
                <td>{a.who}</td>
                <td>{a.what}</td>
                <td>{a.byWhen ? formatDay(a.byWhen) : 'No date'}</td>
                <td>{a.done ? 'Yes' : 'Not yet'}</td>
              </tr>
            ))}
          </tbody>
        </table>
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
