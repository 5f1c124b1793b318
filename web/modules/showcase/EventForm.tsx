import { type FormEvent, useState } from 'react';
import type { ServiceEvent, ServiceEventInput } from '../../../common/showcase';
import { Button } from '../../ui/Button';
import { DateInput, readDate } from '../../ui/DateInput';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/FormFields';
import { type FormErrors, summaryOf } from '../../ui/form-errors';
import { isoToLondon, londonToIso } from '../directory/session-time';

/** Field labels by the API's field names (errors read "Start time must be …"). */
export const EVENT_LABELS: Record<string, string> = {
  service_id: 'Service',
  title: 'Title',
  description: 'Description',
  starts_at: 'Start',
  ends_at: 'End time',
  place: 'Place',
  spaces_left: 'Spaces left',
  booking_needed: 'Booking',
};
const ORDER = ['service_id', 'title', 'starts_at', 'ends_at', 'place', 'spaces_left', 'booking_needed', 'description'];

interface Draft {
  serviceId: string;
  title: string;
  description: string;
  startTime: string;
  endTime: string;
  place: string;
  spaces: string;
  booking: boolean;
}

function draftOf(event: ServiceEvent | null, serviceId: string): Draft {
  return {
    serviceId: event?.service_id ?? serviceId,
    title: event?.title ?? '',
    description: event?.description ?? '',
    startTime: event ? isoToLondon(event.starts_at).time : '',
    endTime: event?.ends_at ? isoToLondon(event.ends_at).time : '',
    place: event?.place ?? '',
    spaces: event?.spaces_left === null || !event ? '' : String(event.spaces_left),
    booking: event?.booking_needed ?? false,
  };
}

/**
 * Adds or edits one session or event (times in England). The end is on the same day as the start;
 * the server checks everything again and its errors show beside the fields.
 */
export function EventForm({
  event,
  services,
  errors,
  busy,
  onCheckFailed,
  onSubmit,
  onCancel,
}: {
  event: ServiceEvent | null;
  services: { id: string; name: string }[];
  errors: FormErrors;
  busy: boolean;
  onCheckFailed: (errors: FormErrors) => void;
  onSubmit: (serviceId: string, input: ServiceEventInput) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(event, services[0]?.id ?? ''));
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const field = (id: string) => errors.fields[id];

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    const day = readDate(new FormData(e.currentTarget), 'event-date', 'Date');
    const time = /^([01]?\d|2[0-3]):[0-5]\d$/;
    const own: Record<string, string> = {};
    if (day.error || !day.value) own.starts_at = day.error ?? 'Enter the date of the session';
    else if (!time.test(draft.startTime)) own.starts_at = 'Enter the time it starts, like 10:00';
    if (draft.endTime && !time.test(draft.endTime)) own.ends_at = 'End time must be a time, like 12:00';
    if (draft.spaces && !/^\d+$/.test(draft.spaces)) own.spaces_left = 'Spaces left must be a whole number, like 12';
    if (Object.keys(own).length > 0 || !day.value) {
      onCheckFailed({ fields: own, form: null });
      return;
    }
    onSubmit(draft.serviceId, {
      title: draft.title,
      description: draft.description || null,
      starts_at: londonToIso(day.value, draft.startTime),
      ends_at: draft.endTime ? londonToIso(day.value, draft.endTime) : null,
      place: draft.place || null,
      spaces_left: draft.spaces ? Number(draft.spaces) : null,
      booking_needed: draft.booking,
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={summaryOf(errors, ORDER)} revision={errors} />
      <h2>{event ? `Change ${event.title}` : 'Add a session or event'}</h2>
      {event ? (
        <p>For {event.service_name}</p>
      ) : (
        <SelectField
          id="service_id"
          label="Service"
          value={draft.serviceId}
          error={field('service_id')}
          options={services.map((s) => ({ value: s.id, text: s.name }))}
          onChange={(serviceId) => set({ serviceId })}
        />
      )}
      <TextField
        id="title"
        label="Title"
        value={draft.title}
        error={field('title')}
        onChange={(title) => set({ title })}
      />
      <DateInput
        id="event-date"
        legend="Date"
        hint="For example, 8 12 2026"
        defaultValue={event ? isoToLondon(event.starts_at).date : undefined}
      />
      <TextField
        id="starts_at"
        label="Start time"
        hint="In 24-hour time, like 10:00"
        type="time"
        width={10}
        value={draft.startTime}
        error={field('starts_at')}
        onChange={(startTime) => set({ startTime })}
      />
      <TextField
        id="ends_at"
        label="End time (optional)"
        type="time"
        width={10}
        value={draft.endTime}
        error={field('ends_at')}
        onChange={(endTime) => set({ endTime })}
      />
      <TextField
        id="place"
        label="Place (optional)"
        hint="Where to go, like Quayside Community Centre, main hall"
        value={draft.place}
        error={field('place')}
        onChange={(place) => set({ place })}
      />
      <TextField
        id="spaces_left"
        label="Spaces left (optional)"
        inputMode="numeric"
        width={4}
        value={draft.spaces}
        error={field('spaces_left')}
        onChange={(spaces) => set({ spaces })}
      />
      <CheckboxField
        id="booking_needed"
        label="People need to book"
        checked={draft.booking}
        error={field('booking_needed')}
        onChange={(booking) => set({ booking })}
      />
      <TextAreaField
        id="description"
        label="Description (optional)"
        value={draft.description}
        error={field('description')}
        onChange={(description) => set({ description })}
      />
      <div className="nhsuk-button-group">
        <Button aria-disabled={busy || undefined}>{event ? 'Save changes' : 'Add session'}</Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
