import { Link } from 'react-router';
import type { TeamDevelopmentRow } from '../../../common/team';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { Tag } from '../../ui/Tag';
import { useTeamDevelopment } from './team-api';
import { SupervisionStatusText } from './team-format';

function TrainingFlags({ t }: { t: TeamDevelopmentRow['training'] }) {
  const flags = [
    t.expired > 0 && (
      <Tag key="expired" colour="red">
        {t.expired} expired
      </Tag>
    ),
    t.due > 0 && (
      <Tag key="due" colour="yellow">
        {t.due} due
      </Tag>
    ),
    t.notDone > 0 && (
      <Tag key="not-done" colour="grey">
        {t.notDone} not recorded
      </Tag>
    ),
  ].filter(Boolean);
  if (flags.length === 0) return <Tag colour="green">Up to date</Tag>;
  return <span className="waymark-tag-list">{flags}</span>;
}

const COLUMNS: DataColumn<TeamDevelopmentRow>[] = [
  {
    header: 'Name',
    cell: (m) => (
      <>
        <Link to={`/team/members/${m.id}`}>{m.name}</Link>
        <span className="waymark-secondary-text">{m.roleLabel}</span>
      </>
    ),
  },
  {
    header: 'Training',
    cell: (m) => (
      <>
        <TrainingFlags t={m.training} />{' '}
        <Link to={`/team/members/${m.id}/training`}>
          Training<span className="nhsuk-u-visually-hidden"> of {m.name}</span>
        </Link>
      </>
    ),
  },
  {
    header: 'Supervision',
    cell: (m) => (
      <>
        <SupervisionStatusText status={m.supervision} />{' '}
        <Link to={`/team/members/${m.id}/supervision`}>
          Supervision<span className="nhsuk-u-visually-hidden"> of {m.name}</span>
        </Link>
      </>
    ),
  },
  {
    header: 'Skills and languages',
    cell: (m) => [...m.skills, ...m.languages.map((l) => `speaks ${l}`)].join(', ') || 'None recorded',
  },
];

/** The lead's view of the whole team: training due or expired, supervision overdue. */
export function TeamDevelopmentTable() {
  const { data, error } = useTeamDevelopment(true);
  if (error) return <ServiceProblem error={error} />;
  if (!data) return <Loading what="training and supervision" />;
  const overdue = data.members.filter((m) => m.supervision.overdue).length;
  const expired = data.members.filter((m) => m.training.expired > 0).length;
  return (
    <>
      <h2 id="development">Training and supervision</h2>
      <p>
        {overdue === 0
          ? 'Nobody is overdue for supervision'
          : `${overdue} ${overdue === 1 ? 'person is' : 'people are'} overdue for supervision`}
        {'; '}
        {expired === 0
          ? 'no required training has expired.'
          : `${expired} ${expired === 1 ? 'person has' : 'people have'} expired training.`}
      </p>
      <DataTable
        caption="Training and supervision of each team member"
        columns={COLUMNS}
        rows={data.members}
        rowKey={(m) => m.id}
      />
    </>
  );
}
