import { Link, useSearchParams } from 'react-router';
import { formatNhsNumber } from '../../../common/nhs-number';
import { referralReference } from '../../../common/referrals';
import { ApiError } from '../../app/api';
import { hasPermission, useSignedInMe } from '../../app/session';
import { usePageTitle } from '../../app/use-page-title';
import { Pagination } from '../../ui/Pagination';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { TableScroll } from '../../ui/TableScroll';
import { Tag } from '../../ui/Tag';
import { formatDate, formatWhen, statusColour } from './referral-format';
import { usePracticeReferrals } from './referrals-api';

function pageFrom(search: URLSearchParams): number {
  const n = Number(search.get('page') ?? '1');
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** The referrals a GP practice made and where each stands: status only, never the team's notes. */
export function PracticeReferralsPage() {
  const me = useSignedInMe();
  const [search] = useSearchParams();
  const page = pageFrom(search);
  const { data, error, isPending } = usePracticeReferrals(page);
  const notAPractice = error instanceof ApiError && error.status === 404;
  usePageTitle(notAPractice ? 'This list is for GP practices' : 'Your practice’s referrals');
  if (notAPractice) return <NotAPractice />;
  if (error) return <ServiceProblem error={error} />;

  const lastPage = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <>
      <span className="nhsuk-caption-l">{me.organisation.name}</span>
      <h1>Your practice’s referrals</h1>
      <p>Everyone your practice has referred to social prescribing, newest first, and where each referral stands.</p>
      {hasPermission(me, 'referral.create') && (
        <Link className="nhsuk-button" to="/referrals/new" draggable={false}>
          Refer someone
        </Link>
      )}
      {isPending ? (
        <Loading what="your practice’s referrals" />
      ) : data.total === 0 ? (
        <p>Your practice has not referred anyone yet.</p>
      ) : (
        <>
          <TableScroll label="Referrals">
            <table className="nhsuk-table">
              <caption className="nhsuk-table__caption">
                {data.total} {data.total === 1 ? 'referral' : 'referrals'}
                {lastPage > 1 && ` (page ${page} of ${lastPage})`}
              </caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th scope="col" className="nhsuk-table__header">
                    Person
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    Status
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    Received
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    Reasons
                  </th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {data.referrals.map((r) => (
                  <tr className="nhsuk-table__row" key={r.id}>
                    <th scope="row" className="nhsuk-table__header waymark-table__row-header">
                      <Link to={`/practice/referrals/${r.id}`}>
                        {r.person.givenName} {r.person.familyName}
                      </Link>
                      <span className="waymark-secondary-text">
                        {r.person.nhsNumber ? (
                          <>
                            NHS number <span className="waymark-nowrap">{formatNhsNumber(r.person.nhsNumber)}</span>
                          </>
                        ) : (
                          'No NHS number'
                        )}
                      </span>
                      <span className="waymark-secondary-text">Born {formatDate(r.person.dateOfBirth)}</span>
                    </th>
                    <td className="nhsuk-table__cell">
                      <Tag colour={statusColour(r.status)}>{r.statusLabel}</Tag>
                    </td>
                    <td className="nhsuk-table__cell">
                      <span className="waymark-nowrap">{formatWhen(r.receivedAt)}</span>
                      <span className="waymark-secondary-text">{referralReference(r.id)}</span>
                    </td>
                    <td className="nhsuk-table__cell">{r.reasons.map((reason) => reason.label).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <Pagination
            label="Referrals pages"
            previous={page > 1 ? { to: `/practice/referrals?page=${page - 1}`, text: 'Newer referrals' } : undefined}
            next={page < lastPage ? { to: `/practice/referrals?page=${page + 1}`, text: 'Older referrals' } : undefined}
          />
        </>
      )}
    </>
  );
}

function NotAPractice() {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>This list is for GP practices</h1>
        <p>It shows a practice the referrals it made. The PCN team sees its referrals in the triage queue.</p>
        <p>
          <Link to="/">Go to your home page</Link>
        </p>
      </div>
    </div>
  );
}
