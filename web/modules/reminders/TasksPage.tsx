import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSignedInMe } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { NO_ERRORS } from '../../ui/form-errors';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { TableScroll } from '../../ui/TableScroll';
import { Tag, type TagColour } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { formatDate } from '../referrals/referral-format';
import { DevelopmentTasks } from '../team/DevelopmentTasks';
import { markTaskDone, TASKS_KEY, type TaskItem, useTasks } from './reminders-api';

const KIND_COLOURS: Record<TaskItem['kind'], TagColour> = {
  first_contact_overdue: 'red',
  plan_review_due: 'orange',
  no_recent_contact: 'yellow',
  onward_no_reply: 'purple',
};

const personName = (t: TaskItem) => `${t.person.givenName} ${t.person.familyName}`.trim() || 'This person';

const TASK_COLUMNS = (done: (task: TaskItem) => void, pending: boolean): DataColumn<TaskItem>[] => [
  { header: 'Person', cell: (task) => <Link to={`/referrals/${task.referralId}/case`}>{personName(task)}</Link> },
  { header: 'Task', cell: (task) => <Tag colour={KIND_COLOURS[task.kind]}>{task.kindLabel}</Tag> },
  { header: 'Due', cell: (task) => formatDate(task.dueOn) },
  {
    header: 'Actions',
    hiddenHeader: true,
    cell: (task) => (
      <Button
        type="button"
        variant="secondary"
        small
        className="nhsuk-u-margin-bottom-0"
        aria-disabled={pending}
        onClick={() => done(task)}
      >
        Mark as done
        <span className="nhsuk-u-visually-hidden"> ({`${task.kindLabel}, ${personName(task)}`})</span>
      </Button>
    ),
  },
];

/** The reminders the daily job gave the signed-in worker: open tasks, oldest due date first. */
export function TasksPage() {
  usePageTitle('Your tasks');
  const me = useSignedInMe();
  const { data, error, isPending } = useTasks();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const markDone = useSubmit({
    mutationFn: (task: TaskItem) => markTaskDone(task.id),
    labels: {},
    errorsFrom: () => ({ fields: {}, form: 'The task could not be marked as done. Try again.' }),
    onSuccess: async (_, task) => {
      await queryClient.invalidateQueries({ queryKey: TASKS_KEY });
      setNotice(`${task.kindLabel} for ${personName(task)} marked as done`);
    },
    // Someone may have closed it meanwhile: the list shows what is still open.
    onError: () => void queryClient.invalidateQueries({ queryKey: TASKS_KEY }),
  });
  if (error) return <ServiceProblem error={error} />;

  const done = (task: TaskItem) => {
    if (markDone.busy) return;
    setNotice(null);
    markDone.setErrors(NO_ERRORS);
    void markDone.submit(task);
  };

  return (
    <>
      {notice && <NotificationBanner variant="success" heading={notice} />}
      {markDone.errors.form && <NotificationBanner variant="important" heading={markDone.errors.form} />}
      <h1>
        <span className="nhsuk-caption-l">{me.user.name}</span>
        Your tasks
      </h1>
      <p>
        Reminders for your cases and the ones you cover, made each morning: first contact overdue, care plan review due,
        no contact for a while, and community services that have not replied to a referral. Mark a task done once you
        have dealt with it.
      </p>
      {isPending ? (
        <Loading what="your tasks" />
      ) : data.items.length === 0 ? (
        <p>You have no open tasks.</p>
      ) : (
        <TableScroll label="Your tasks">
          <DataTable
            caption={`${data.items.length} open ${data.items.length === 1 ? 'task' : 'tasks'}`}
            columns={TASK_COLUMNS(done, markDone.busy)}
            rows={data.items}
            rowKey={(task) => task.id}
          />
        </TableScroll>
      )}
      <DevelopmentTasks />
    </>
  );
}
