import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { OurEvents, ServiceEvent, ServiceEventInput } from '../../../common/showcase';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { formatSessionSpan } from '../directory/session-time';
import { EVENT_LABELS, EventForm } from './EventForm';
import { addEvent, cancelEvent, editEvent, OUR_EVENTS_KEY, useOurEvents } from './showcase-api';

type Editing = { event: ServiceEvent | null } | null;

/** A partner's upcoming sessions and events of its services: they show on the listing and in search. */
export function SessionsPage() {
  usePageTitle('Sessions and events');
  const { data, error, isPending } = useOurEvents();
  if (error) return <ServiceProblem error={error} />;
  return (
    <>
      <h1>Sessions and events</h1>
      <p>
        Tell people about your upcoming sessions and events. They show on your listing in the directory and in social
        prescribers’ search results straight away.
      </p>
      {isPending ? <Loading what="your sessions and events" /> : <Sessions data={data} />}
      <p>
        <Link to="/directory/our-listings">Your listings</Link>
      </p>
    </>
  );
}

function Sessions({ data }: { data: OurEvents }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const done = async (message: string) => {
    await queryClient.invalidateQueries({ queryKey: OUR_EVENTS_KEY });
    setEditing(null);
    setNotice(message);
    window.scrollTo(0, 0);
  };
  const onConflict = async (detail: string) => {
    await queryClient.invalidateQueries({ queryKey: OUR_EVENTS_KEY });
    setEditing(null);
    setConflict(detail);
  };
  const save = useSubmit({
    mutationFn: ({ serviceId, input }: { serviceId: string; input: ServiceEventInput }) =>
      editing?.event ? editEvent(editing.event.id, editing.event.version, input) : addEvent(serviceId, input),
    labels: EVENT_LABELS,
    onSuccess: (saved) => done(`${saved.title} saved`),
    onConflict,
  });
  const cancel = useSubmit({
    mutationFn: (event: ServiceEvent) => cancelEvent(event.id, event.version),
    labels: {},
    onSuccess: (cancelled) => done(`${cancelled.title} cancelled`),
    onConflict,
  });

  const columns: DataColumn<ServiceEvent>[] = [
    { header: 'Session or event', cell: (e) => <span className="waymark-break">{e.title}</span> },
    { header: 'Service', cell: (e) => e.service_name },
    { header: 'When', cell: (e) => formatSessionSpan(e.starts_at, e.ends_at) },
    { header: 'Place', cell: (e) => e.place ?? '' },
    {
      header: 'Spaces',
      cell: (e) =>
        `${e.spaces_left === null ? 'Not limited' : `${e.spaces_left} left`}${e.booking_needed ? ', booking needed' : ''}`,
    },
    {
      header: 'Action',
      hiddenHeader: true,
      cell: (e) =>
        e.cancelled_at ? (
          <Tag colour="grey">Cancelled</Tag>
        ) : (
          <div className="nhsuk-button-group nhsuk-u-margin-bottom-0">
            <Button type="button" variant="secondary" small onClick={() => setEditing({ event: e })}>
              Change<span className="nhsuk-u-visually-hidden"> {e.title}</span>
            </Button>
            <Button
              type="button"
              variant="warning"
              small
              aria-disabled={cancel.busy || undefined}
              onClick={() => void cancel.submit(e)}
            >
              Cancel<span className="nhsuk-u-visually-hidden"> {e.title}</span>
            </Button>
          </div>
        ),
    },
  ];

  return (
    <>
      {notice && <NotificationBanner variant="success" heading={notice} />}
      {conflict && (
        <NotificationBanner heading="Someone else changed this event">
          <p>{conflict}</p>
        </NotificationBanner>
      )}
      {data.services.length === 0 ? (
        <p>Your organisation has no listings in the directory yet.</p>
      ) : editing ? (
        <EventForm
          key={editing.event?.id ?? 'new'}
          event={editing.event}
          services={data.services}
          errors={save.errors}
          busy={save.busy}
          onCheckFailed={save.setErrors}
          onSubmit={(serviceId, input) => void save.submit({ serviceId, input })}
          onCancel={() => {
            save.setErrors({ fields: {}, form: null });
            setEditing(null);
          }}
        />
      ) : (
        <Button
          type="button"
          onClick={() => {
            setNotice(null);
            setConflict(null);
            setEditing({ event: null });
          }}
        >
          Add a session or event
        </Button>
      )}
      {!editing &&
        (data.events.length === 0 ? (
          <p>No sessions or events yet.</p>
        ) : (
          <DataTable caption="Your sessions and events" columns={columns} rows={data.events} rowKey={(e) => e.id} />
        ))}
    </>
  );
}
