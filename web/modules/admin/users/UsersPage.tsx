import { Form, Link, useLocation, useSearchParams } from 'react-router';
import { USER_SORTS, USER_STATUSES, type UserSort } from '../../../../common/admin-lists';
import type { OrganisationTree, StaffMember } from '../../../../common/api-types';
import { ROLE_LABELS, ROLES } from '../../../../common/roles';
import { queryString } from '../../../app/api';
import { hasPermission, useSignedInMe } from '../../../app/session';
import { Button } from '../../../ui/Button';
import { type DataColumn, DataTable } from '../../../ui/DataTable';
import { formatFte, orNotSet } from '../../../ui/format';
import { PageLinks, pageParam, pickParam, sortingOf } from '../../../ui/list-paging';
import { NotificationBanner } from '../../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../../ui/ServiceProblem';
import { Tag } from '../../../ui/Tag';
import { usePageTitle } from '../../../ui/use-page-title';
import { useOrganisationTree } from '../organisations/organisations-api';
import { useUserList } from './users-api';

const STATUS_TEXT = { all: 'Everyone', active: 'Can sign in', deactivated: 'Deactivated' } as const;

/** The list's state, from the address (so Back, reload and a shared link all show the same list). */
function listState(search: URLSearchParams) {
  return {
    q: search.get('q') ?? '',
    role: search.get('role') ?? '',
    organisationId: search.get('organisationId') ?? '',
    status: pickParam(search, 'status', USER_STATUSES, 'all'),
    sort: pickParam<UserSort>(search, 'sort', USER_SORTS, 'name'),
    dir: pickParam(search, 'dir', ['asc', 'desc'] as const, 'asc'),
    page: pageParam(search),
  };
}

export function UsersPage() {
  usePageTitle('Users');
  const me = useSignedInMe();
  const canManage = hasPermission(me, 'user.manage');
  const [search] = useSearchParams();
  const state = listState(search);
  const params = {
    q: state.q || undefined,
    role: state.role || undefined,
    organisationId: state.organisationId || undefined,
    status: state.status === 'all' ? undefined : state.status,
    sort: state.sort === 'name' ? undefined : state.sort,
    dir: state.dir === 'asc' ? undefined : state.dir,
  };
  const { data, error, isPending, isPlaceholderData } = useUserList({ ...params, page: String(state.page) });
  // Retired organisations too: who worked at one is still worth finding.
  const tree = useOrganisationTree({ includeRetired: true });
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  if (error) return <ServiceProblem error={error} />;

  const filtered = Boolean(params.q || params.role || params.organisationId || params.status);
  const link = (changes: Record<string, string | undefined>) => `/admin/users${queryString({ ...params, ...changes })}`;
  const lastPage = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const columns: DataColumn<StaffMember>[] = [
    { header: 'Name', sortKey: 'name', cell: (u) => u.name },
    { header: 'Email', sortKey: 'email', cell: (u) => <span className="waymark-break">{u.email}</span> },
    { header: 'Role', sortKey: 'role', cell: (u) => u.roleLabel },
    { header: 'Organisation', sortKey: 'organisation', cell: (u) => u.organisation.name },
    {
      header: 'Hours and capacity',
      cell: (u) =>
        u.fte === null
          ? '–'
          : `${u.band ? `Band ${u.band}, ` : ''}${formatFte(u.fte)} FTE, ${orNotSet(u.caseloadCapacity)} cases`,
    },
    {
      header: 'Status',
      cell: (u) => (
        <>
          {u.active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Deactivated</Tag>}
          {u.secondFactorEnabled && <span className="waymark-secondary-text">Two-factor on</span>}
        </>
      ),
    },
    ...(canManage
      ? [
          {
            header: 'Actions',
            hiddenHeader: true,
            cell: (u: StaffMember) => (
              <Link to={`/admin/users/${u.id}`}>
                Change<span className="nhsuk-u-visually-hidden"> {u.name}</span>
              </Link>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      {notice && <NotificationBanner variant="success" heading={notice} />}
      <h1>Users</h1>
      <p>
        Everyone who can sign in to Waymark in your ICB: practice staff, PCN social prescribing teams, voluntary sector
        partners, commissioners and administrators.
      </p>
      {canManage && (
        <Link className="nhsuk-button" to="/admin/users/new" draggable={false}>
          Add a user
        </Link>
      )}
      <Form className="waymark-filters" method="get" action="/admin/users" aria-label="Find users">
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="users-q">
            Search by name or email address
          </label>
          <input
            className="nhsuk-input nhsuk-u-width-one-half"
            id="users-q"
            name="q"
            type="search"
            autoComplete="off"
            defaultValue={state.q}
            key={state.q}
          />
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="users-role">
            Role
          </label>
          <select className="nhsuk-select" id="users-role" name="role" defaultValue={state.role} key={state.role}>
            <option value="">All roles</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="users-organisation">
            Organisation
          </label>
          <select
            className="nhsuk-select"
            id="users-organisation"
            name="organisationId"
            defaultValue={state.organisationId}
            key={`${state.organisationId}:${tree.data ? 'loaded' : 'loading'}`}
          >
            <option value="">All organisations</option>
            {tree.data && <AnyOrganisationOptions tree={tree.data} />}
          </select>
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="users-status">
            Can they sign in?
          </label>
          <select
            className="nhsuk-select"
            id="users-status"
            name="status"
            // "Everyone" is the default and so the empty option: the select must show it, or the
            // next search would quietly narrow the list to those who can sign in.
            defaultValue={state.status === 'all' ? '' : state.status}
            key={state.status}
          >
            {USER_STATUSES.map((s) => (
              <option key={s} value={s === 'all' ? '' : s}>
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
            <Link to="/admin/users">Clear the search</Link>
          </p>
        )}
      </Form>
      {isPending ? (
        <Loading what="users" />
      ) : data.total === 0 ? (
        <p>{filtered ? 'No users match. Try other words, or clear the search.' : 'There are no users yet.'}</p>
      ) : (
        <>
          <DataTable
            caption={
              <>
                {data.total} {data.total === 1 ? 'user' : 'users'}
                {filtered && ' found'}
                {lastPage > 1 && ` (page ${state.page} of ${lastPage})`}
              </>
            }
            columns={columns}
            rows={data.items}
            rowKey={(u) => u.id}
            sorting={sortingOf(state.sort, state.dir, 'name', link)}
            busy={isPlaceholderData}
          />
          <PageLinks page={state.page} total={data.total} pageSize={data.pageSize} link={link} label="Pages of users" />
        </>
      )}
    </>
  );
}

const RETIRED = ' – retired';

/** Every organisation a user can belong to, by kind: the ICB, its PCNs, practices and partners. */
function AnyOrganisationOptions({ tree }: { tree: OrganisationTree }) {
  return tree.icbs.map((icb) => (
    <optgroup key={icb.id} label={icb.name}>
      <option value={icb.id}>{icb.name} (the ICB itself)</option>
      {icb.pcns.map((pcn) => (
        <option key={pcn.id} value={pcn.id}>
          {pcn.name} ({pcn.code}){pcn.retired && RETIRED}
        </option>
      ))}
      {icb.pcns.flatMap((pcn) =>
        pcn.practices.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({p.code}){p.retired && RETIRED}
          </option>
        )),
      )}
      {icb.vcsOrganisations.map((v) => (
        <option key={v.id} value={v.id}>
          {v.name}
          {v.retired && RETIRED}
        </option>
      ))}
    </optgroup>
  ));
}
