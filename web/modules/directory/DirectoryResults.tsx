import { Link } from 'react-router';
import { type DirectorySearchResult, PUBLIC_CAPACITY_LABELS, SERVICE_STATUS_LABELS } from '../../../common/directory';
import { Tag } from '../../ui/Tag';
import { CAPACITY_COLOURS, formatDate, STATUS_COLOURS, shortDescription, whereText } from './directory-format';
import { formatSession } from './session-time';

function ResultFacts({ result, staff }: { result: DirectorySearchResult; staff: boolean }) {
  const where = whereText(result);
  return (
    <dl className="waymark-directory-facts">
      {where && (
        <div className="waymark-directory-facts__row">
          <dt>Where</dt>
          <dd>{where}</dd>
        </div>
      )}
      {result.opening.length > 0 && (
        <div className="waymark-directory-facts__row">
          <dt>When</dt>
          <dd>
            {result.opening.length === 1 ? (
              result.opening[0]
            ) : (
              <ul className="waymark-directory-facts__list">
                {result.opening.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      )}
      {result.next_event && (
        <div className="waymark-directory-facts__row">
          <dt>Next session</dt>
          <dd>
            <time dateTime={result.next_event.starts_at}>{formatSession(result.next_event.starts_at)}</time>
            <span className="nhsuk-u-visually-hidden">: </span>{' '}
            <span className="waymark-secondary-text">{result.next_event.title}</span>
          </dd>
        </div>
      )}
      {result.categories.length > 0 && (
        <div className="waymark-directory-facts__row">
          <dt>Categories</dt>
          <dd>{result.categories.map((c) => c.name).join(', ')}</dd>
        </div>
      )}
      <div className="waymark-directory-facts__row">
        <dt>Last checked</dt>
        <dd>
          {result.assured_date ? (
            <time dateTime={result.assured_date}>{formatDate(result.assured_date)}</time>
          ) : (
            'Not yet checked'
          )}
          {staff && result.review_due && <span className="waymark-secondary-text">Review due</span>}
        </dd>
      </div>
    </dl>
  );
}

/** One page of search results: each a card whose heading links to the service's page. */
export function DirectoryResults({
  results,
  staff,
  search,
}: {
  results: DirectorySearchResult[];
  staff: boolean;
  /** The current search (`?…`), so the service page can link back to these results. */
  search: string;
}) {
  return (
    <ul className="waymark-directory-results">
      {results.map((result) => (
        <li key={result.id} className="nhsuk-card waymark-directory-result">
          <div className="nhsuk-card__content">
            <h3 className="nhsuk-card__heading nhsuk-heading-s">
              <Link to={`/directory/services/${encodeURIComponent(result.id)}`} state={{ search }}>
                {result.name}
              </Link>
            </h3>
            <p className="waymark-secondary-text nhsuk-u-margin-bottom-2">{result.organization_name}</p>
            <p className="waymark-directory-tags">
              {result.status !== 'active' && (
                <Tag colour={STATUS_COLOURS[result.status]}>{SERVICE_STATUS_LABELS[result.status]}</Tag>
              )}
              <Tag colour={CAPACITY_COLOURS[result.referral_capacity]}>
                {PUBLIC_CAPACITY_LABELS[result.referral_capacity]}
              </Tag>
            </p>
            <p className="nhsuk-card__description">{shortDescription(result.description)}</p>
            <ResultFacts result={result} staff={staff} />
          </div>
        </li>
      ))}
    </ul>
  );
}
