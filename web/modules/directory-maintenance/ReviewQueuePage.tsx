import { Link } from 'react-router';
import { SERVICE_STATUS_LABELS } from '../../../common/directory';
import type { ReviewServiceRef } from '../../../common/directory-maintenance';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { TableScroll } from '../../ui/TableScroll';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { useReviewQueue } from './maintenance-api';
import { formatDay, formatWhen, STATUS_COLOURS } from './maintenance-format';
import './maintenance.css';

function ServiceCell({ service }: { service: ReviewServiceRef }) {
  return (
    <>
      <Link to={`/directory/review/services/${service.id}`}>{service.name}</Link>
      <br />
      <span className="nhsuk-body-s">{service.organization_name}</span>
      {service.status !== 'active' && (
        <>
          {' '}
          <Tag colour={STATUS_COLOURS[service.status]}>{SERVICE_STATUS_LABELS[service.status]}</Tag>
        </>
      )}
    </>
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const more = (shown: number, total: number) =>
  total > shown ? (
    <p className="nhsuk-body-s">
      Showing the oldest {shown} of {total}.
    </p>
  ) : null;

/**
 * The directory's review work for the ICB: listings due for their regular check, reports from the
 * public that something is out of date, and changes VCS partners proposed. Oldest first.
 */
export function ReviewQueuePage() {
  usePageTitle('Directory review');
  const { data, error, isPending } = useReviewQueue();
  if (error) return <ServiceProblem error={error} />;

  return (
    <>
      <h1>Directory review</h1>
      {isPending ? (
        <Loading what="the review queue" />
      ) : (
        <>
          <ul className="nhsuk-list">
            <li>
              <a href="#due">{plural(data.counts.due, 'listing', 'listings')} due for review</a>
            </li>
            <li>
              <a href="#reports">{plural(data.counts.reports, 'report', 'reports')} from the public</a>
            </li>
            <li>
              <a href="#changes">{plural(data.counts.changes, 'change', 'changes')} proposed by partners</a>
            </li>
          </ul>

          <h2 id="due">Due for review ({data.counts.due})</h2>
          <p>Never checked, or last checked longer ago than the listing’s review interval.</p>
          {data.due.length === 0 ? (
            <p>Every listing has been checked recently.</p>
          ) : (
            <TableScroll label="Listings due for review">
              <table className="nhsuk-table">
                <thead className="nhsuk-table__head">
                  <tr>
                    <th scope="col">Service</th>
                    <th scope="col">Last checked</th>
                    <th scope="col">Why it is here</th>
                  </tr>
                </thead>
                <tbody className="nhsuk-table__body">
                  {data.due.map((d) => (
                    <tr className="nhsuk-table__row" key={d.service.id}>
                      <td className="nhsuk-table__cell">
                        <ServiceCell service={d.service} />
                      </td>
                      <td className="nhsuk-table__cell">{formatDay(d.assured_date)}</td>
                      <td className="nhsuk-table__cell">
                        {d.reason === 'never_verified'
                          ? 'Never checked'
                          : `Review was due on ${formatDay(d.review_due_on)}`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          {more(data.due.length, data.counts.due)}

          <h2 id="reports">Reports from the public ({data.counts.reports})</h2>
          {data.reports.length === 0 ? (
            <p>No open reports.</p>
          ) : (
            <TableScroll label="Reports from the public">
              <table className="nhsuk-table">
                <thead className="nhsuk-table__head">
                  <tr>
                    <th scope="col">Service</th>
                    <th scope="col">Reported</th>
                    <th scope="col">What they said</th>
                  </tr>
                </thead>
                <tbody className="nhsuk-table__body">
                  {data.reports.map((r) => (
                    <tr className="nhsuk-table__row" key={r.id}>
                      <td className="nhsuk-table__cell">
                        <ServiceCell service={r.service} />
                      </td>
                      <td className="nhsuk-table__cell">{formatWhen(r.created_at)}</td>
                      <td className="nhsuk-table__cell waymark-listing-text">{r.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          {more(data.reports.length, data.counts.reports)}

          <h2 id="changes">Changes proposed by partners ({data.counts.changes})</h2>
          {data.changes.length === 0 ? (
            <p>No changes waiting.</p>
          ) : (
            <TableScroll label="Changes proposed by partners">
              <table className="nhsuk-table">
                <thead className="nhsuk-table__head">
                  <tr>
                    <th scope="col">Service</th>
                    <th scope="col">Proposed</th>
                    <th scope="col">By</th>
                    <th scope="col">
                      <span className="nhsuk-u-visually-hidden">Action</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="nhsuk-table__body">
                  {data.changes.map((c) => (
                    <tr className="nhsuk-table__row" key={c.id}>
                      <td className="nhsuk-table__cell">
                        <ServiceCell service={c.service} />
                      </td>
                      <td className="nhsuk-table__cell">{formatWhen(c.submitted_at)}</td>
                      <td className="nhsuk-table__cell">{c.submitted_by}</td>
                      <td className="nhsuk-table__cell">
                        <Link to={`/directory/review/changes/${c.id}`}>
                          Review the change<span className="nhsuk-u-visually-hidden"> to {c.service.name}</span>
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          {more(data.changes.length, data.counts.changes)}
        </>
      )}
    </>
  );
}
