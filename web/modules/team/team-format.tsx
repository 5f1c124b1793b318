import type { SupervisionStatus, TrainingStatus } from '../../../common/team';
import { formatDay } from '../../ui/format';
import { Tag, type TagColour } from '../../ui/Tag';

const TRAINING: Record<TrainingStatus, { text: string; colour: TagColour }> = {
  valid: { text: 'Up to date', colour: 'green' },
  due: { text: 'Due for renewal', colour: 'yellow' },
  expired: { text: 'Expired', colour: 'red' },
  not_done: { text: 'Not recorded', colour: 'grey' },
};

export function TrainingStatusTag({ status }: { status: TrainingStatus }) {
  const t = TRAINING[status];
  return <Tag colour={t.colour}>{t.text}</Tag>;
}

export function SupervisionStatusText({ status }: { status: SupervisionStatus }) {
  if (status.intervalDays === null) return <>No supervision target for this role</>;
  if (status.overdue) {
    return (
      <>
        <Tag colour="red">Overdue</Tag>{' '}
        {status.lastOn ? `last session ${formatDay(status.lastOn)}` : 'no session recorded'}
      </>
    );
  }
  return (
    <>
      <Tag colour="green">Up to date</Tag> next due by {formatDay(status.dueOn as string)}
    </>
  );
}

export const everyDays = (days: number) =>
  days === 31 || days === 30 ? 'monthly' : days === 7 ? 'weekly' : days === 14 ? 'fortnightly' : `every ${days} days`;
