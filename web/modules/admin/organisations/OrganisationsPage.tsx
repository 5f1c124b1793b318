import { Form, Link, useLocation, useSearchParams } from 'react-router';
import {
  ORGANISATION_SORTS,
  ORGANISATION_STATUSES,
  ORGANISATION_TYPE_LABELS,
  ORGANISATION_TYPES,
  type OrganisationListItem,
  type OrganisationSort,
} from '../../../../common/admin-lists';
import { queryString } from '../../../app/api';
import { Button } from '../../../ui/Button';
import { type DataColumn, DataTable } from '../../../ui/DataTable';
import { formatDay } from '../../../ui/format';
import { PageLinks, pageParam, pickParam, sortingOf } from '../../../ui/list-paging';
import { NotificationBanner } from '../../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../../ui/ServiceProblem';
import { Tag } from '../../../ui/Tag';
import { usePageTitle } from '../../../ui/use-page-title';
import { useOrganisationList } from './organisations-api';

const STATUS_TEXT = { active: 'In use', retired: 'Retired', all: 'In use and retired' } as const;

const COLUMNS: DataColumn<OrganisationListItem>[] = [
  {
    header: 'Name',
    sortKey: 'name',
    cell: (o) => <Link to={`/admin/organisations/${o.id}`}>{o.name}</Link>,
  },
  { header: 'Code', sortKey: 'code', cell: (o) => o.code ?? '–' },
  {
    header: 'Type',
    sortKey: 'type',
    cell: (o) => (
      <>
        {o.typeLabel}
        {o.pcn && <span className="waymark-secondary-text">{o.pcn.name}</span>}
      </>
    ),
  },
  {
    header: 'Status',
    cell: (o) =>
      o.retiredAt ? (
        <>
          <Tag colour="grey">Retired</Tag>
          <span className="waymark-secondary-text">{formatDay(o.retiredAt)}</span>
        </>
      ) : (
        <Tag colour="green">In use</Tag>
      ),
  },
];

function listState(search: URLSearchParams) {
  return {
    q: search.get('q') ?? '',
    type: pickParam(search, 'type', ['', ...ORGANISATION_TYPES] as const, ''),
    status: pickParam(search, 'status', ORGANISATION_STATUSES, 'active'),
    sort: pickParam<OrganisationSort>(search, 'sort', ORGANISATION_SORTS, 'name'),
    dir: pickParam(search, 'dir', ['asc', 'desc'] as const, 'asc'),
    page: pageParam(search),
  };
}

/** The ICB's PCNs, GP practices and voluntary sector organisations: find one, add one. */
export function OrganisationsPage() {
  usePageTitle('Organisations');
  const [search] = useSearchParams();
  const state = listState(search);
  const params = {
    q: state.q || undefined,
    type: state.type || undefined,
    status: state.status === 'active' ? undefined : state.status,
    sort: state.sort === 'name' ? undefined : state.sort,
    dir: state.dir === 'asc' ? undefined : state.dir,
  };
  const { data, error, isPending, isPlaceholderData } = useOrganisationList({ ...params, page: String(state.page) });
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  if (error) return <ServiceProblem error={error} />;

  const filtered = Boolean(params.q || params.type || params.status);
  const link = (changes: Record<string, string | undefined>) =>
    `/admin/organisations${queryString({ ...params, ...changes })}`;
  const lastPage = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <>
      {notice && <NotificationBanner variant="success" heading={notice} />}
      <h1>Organisations</h1>
      <p>
        Your ICB’s primary care networks (PCNs) and their GP practices, and the voluntary and community organisations in
        its network. Organisations are never deleted: one that closes or merges is retired, and keeps its history.
      </p>
      <div className="waymark-button-group">
        <Link className="nhsuk-button nhsuk-button--secondary" to="/admin/organisations/new/pcn" draggable={false}>
          Add a PCN
        </Link>
        <Link className="nhsuk-button nhsuk-button--secondary" to="/admin/organisations/new/practice" draggable={false}>
          Add a GP practice
        </Link>
        <Link className="nhsuk-button nhsuk-button--secondary" to="/admin/organisations/new/vcs" draggable={false}>
          Add a voluntary sector organisation
        </Link>
      </div>
      <Form className="waymark-filters" method="get" action="/admin/organisations" aria-label="Find organisations">
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="organisations-q">
            Search by name or code
          </label>
          <input
            className="nhsuk-input nhsuk-u-width-one-half"
            id="organisations-q"
            name="q"
            type="search"
            autoComplete="off"
            defaultValue={state.q}
            key={state.q}
          />
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="organisations-type">
            Type
          </label>
          <select
            className="nhsuk-select"
            id="organisations-type"
            name="type"
            defaultValue={state.type}
            key={state.type}
          >
            <option value="">All types</option>
            {ORGANISATION_TYPES.map((t) => (
              <option key={t} value={t}>
                {ORGANISATION_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="organisations-status">
            Status
          </label>
          <select
            className="nhsuk-select"
            id="organisations-status"
            name="status"
            defaultValue={state.status === 'active' ? '' : state.status}
            key={state.status}
          >
            {ORGANISATION_STATUSES.map((s) => (
              <option key={s} value={s === 'active' ? '' : s}>
                {STATUS_TEXT[s]}
              </option>
            ))}
          </select>
        </div>
        {params.sort && <input type="hidden" name="sort" value={params.sort} />}
        {params.dir && <input type="hidden" name="dir" value={params.dir} />}
        <Button variant="secondary">Search</Button>
        {filtered && (
          <p>
            <Link to="/admin/organisations">Clear the search</Link>
          </p>
        )}
      </Form>
      {isPending ? (
        <Loading what="organisations" />
      ) : data.total === 0 ? (
        <p>{filtered ? 'No organisations match. Try other words, or clear the search.' : 'No organisations yet.'}</p>
      ) : (
        <>
          <DataTable
            caption={
              <>
                {data.total} {data.total === 1 ? 'organisation' : 'organisations'}
                {filtered && ' found'}
                {lastPage > 1 && ` (page ${state.page} of ${lastPage})`}
              </>
            }
            columns={COLUMNS}
            rows={data.items}
            rowKey={(o) => o.id}
            sorting={sortingOf(state.sort, state.dir, 'name', link)}
            busy={isPlaceholderData}
          />
          <PageLinks
            page={state.page}
            total={data.total}
            pageSize={data.pageSize}
            link={link}
            label="Pages of organisations"
          />
        </>
      )}
    </>
  );
}
