import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { GROUP_CAPACITY_MAX, type GroupRecord } from '../../../common/team-groups';
import { ApiError, api } from '../../app/api';
import { NotFoundPage } from '../../app/NotFoundPage';
import { hasPermission, useSignedInMe } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { BackLink } from '../../ui/BackLink';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxesField, CheckboxField, TextAreaField, TextField } from '../../ui/FormFields';
import { summaryOf } from '../../ui/form-errors';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Radios } from '../../ui/Radios';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import { useTeam } from '../team/team-api';
import {
  createGroup,
  type GroupDetailsBody,
  groupKey,
  groupsChanged,
  updateGroup,
  useGroup,
  useVolunteerChoices,
} from './team-groups-api';

const LABELS = {
  name: 'Name',
  description: 'What happens',
  schedule: 'When it meets',
  venue: 'Where it meets',
  capacity: 'Places',
  staffIds: 'Staff who run it',
  volunteerIds: 'Volunteers who help',
  directoryServiceId: 'Directory listing',
} as const;
const ORDER = Object.keys(LABELS);

interface ListingOption {
  id: string;
  name: string;
  organisation: string;
}

interface SearchPage {
  results: { id: string; name: string; organization_name: string }[];
}

/** Sets up a group, or changes one (`/groups/:groupId/edit`). */
export function GroupFormPage() {
  const { groupId } = useParams();
  const group = useGroup(groupId ?? '');
  const editing = !!groupId;
  const notFound = group.error instanceof ApiError && (group.error.status === 404 || group.error.status === 400);
  usePageTitle(notFound ? 'Page not found' : editing ? 'Change a group' : 'Set up a group');
  if (!editing) return <GroupForm />;
  if (notFound) return <NotFoundPage />;
  if (group.error) return <ServiceProblem error={group.error} />;
  if (group.isPending) return <Loading what="the group" />;
  return <GroupForm key={group.data.version} current={group.data} />;
}

function GroupForm({ current }: { current?: GroupRecord }) {
  const me = useSignedInMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const team = useTeam();
  const canSeeVolunteers = hasPermission(me, 'volunteer.read');
  const volunteers = useVolunteerChoices(canSeeVolunteers);
  const [name, setName] = useState(current?.name ?? '');
  const [description, setDescription] = useState(current?.description ?? '');
  const [schedule, setSchedule] = useState(current?.schedule ?? '');
  const [venue, setVenue] = useState(current?.venue ?? '');
  const [capacity, setCapacity] = useState(current ? String(current.capacity) : '');
  const [staffIds, setStaffIds] = useState<string[]>(
    current?.facilitators.filter((f) => f.kind === 'staff').map((f) => f.id) ?? [],
  );
  const [volunteerIds, setVolunteerIds] = useState<string[]>(
    current?.facilitators.filter((f) => f.kind === 'volunteer').map((f) => f.id) ?? [],
  );
  const [closed, setClosed] = useState(current?.status === 'closed');
  const [listingId, setListingId] = useState(current?.listing?.id ?? '');
  const [listingQuery, setListingQuery] = useState('');
  const [listings, setListings] = useState<ListingOption[]>(current?.listing ? [current.listing] : []);
  const [searched, setSearched] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);

  const write = useSubmit({
    mutationFn: (body: GroupDetailsBody) =>
      current ? updateGroup(current.id, { ...body, version: current.version, closed }) : createGroup(body),
    labels: LABELS,
    onSuccess: async (record) => {
      queryClient.setQueryData(groupKey(record.id), record);
      await groupsChanged(queryClient);
      navigate(`/groups/${record.id}`, { state: { notice: current ? 'Group saved' : `${record.name} set up` } });
    },
    onConflict: async (detail) => {
      setConflict(detail);
      if (current) await queryClient.invalidateQueries({ queryKey: groupKey(current.id) });
    },
  });
  const { busy, errors, setErrors } = write;

  async function searchListings() {
    const text = listingQuery.trim();
    if (text.length < 2) return;
    const page = await api<SearchPage>(`/api/directory/services?text=${encodeURIComponent(text)}&per_page=10`);
    const found = page.results.map((r) => ({ id: r.id, name: r.name, organisation: r.organization_name }));
    const chosen = listings.find((l) => l.id === listingId);
    setListings([...(chosen ? [chosen] : []), ...found.filter((f) => f.id !== listingId)]);
    setSearched(text);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (!name.trim()) fields.name = 'Enter the group’s name';
    if (!schedule.trim()) fields.schedule = 'Say when the group meets';
    if (!venue.trim()) fields.venue = 'Say where the group meets';
    const places = Number(capacity);
    if (!/^[0-9]+$/.test(capacity.trim()) || places < 1 || places > GROUP_CAPACITY_MAX) {
      fields.capacity = `Places must be a whole number from 1 to ${GROUP_CAPACITY_MAX}`;
    }
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    void write.submit({
      name: name.trim(),
      description: description.trim(),
      schedule: schedule.trim(),
      venue: venue.trim(),
      capacity: places,
      directoryServiceId: listingId || null,
      staffIds,
      volunteerIds,
    });
  }

  const staffOptions = (team.data?.members ?? [])
    .filter((m) => m.active)
    .map((m) => ({ value: m.id, text: `${m.name} (${m.roleLabel.toLowerCase()})` }));
  const volunteerOptions = (volunteers.data ?? [])
    .filter((v) => v.status === 'active' || volunteerIds.includes(v.id))
    .map((v) => ({ value: v.id, text: `${v.name} (${v.roleLabel.toLowerCase()})` }));

  return (
    <>
      <BackLink to={current ? `/groups/${current.id}` : '/groups'}>{current ? current.name : 'Groups'}</BackLink>
      {conflict && (
        <NotificationBanner heading={conflict}>Reload the page to see the latest version.</NotificationBanner>
      )}
      <h1>{current ? `Change ${current.name}` : 'Set up a group'}</h1>
      <form onSubmit={submit} noValidate>
        <ErrorSummary
          errors={summaryOf(errors, ORDER, undefined, { directoryServiceId: 'listing-query' })}
          revision={errors}
        />
        <TextField
          id="name"
          label={LABELS.name}
          hint="For example: Wednesday walk and talk"
          value={name}
          error={errors.fields.name}
          onChange={setName}
        />
        <TextAreaField
          id="description"
          label={`${LABELS.description} (optional)`}
          hint="What people can expect, in a sentence or two"
          value={description}
          rows={3}
          error={errors.fields.description}
          onChange={setDescription}
        />
        <TextField
          id="schedule"
          label={LABELS.schedule}
          hint="For example: Wednesdays, 10am to 11am"
          value={schedule}
          error={errors.fields.schedule}
          onChange={setSchedule}
        />
        <TextField
          id="venue"
          label={LABELS.venue}
          hint="For example: Leazes Park, by the bandstand"
          value={venue}
          error={errors.fields.venue}
          onChange={setVenue}
        />
        <TextField
          id="capacity"
          label={LABELS.capacity}
          hint="How many people can come to one session"
          inputMode="numeric"
          width={4}
          value={capacity}
          error={errors.fields.capacity}
          onChange={setCapacity}
        />
        {staffOptions.length > 0 && (
          <CheckboxesField
            id="staffIds"
            legend={LABELS.staffIds}
            error={errors.fields.staffIds}
            options={staffOptions}
            checked={staffIds}
            onChange={setStaffIds}
          />
        )}
        {canSeeVolunteers && volunteerOptions.length > 0 && (
          <CheckboxesField
            id="volunteerIds"
            legend={`${LABELS.volunteerIds} (optional)`}
            error={errors.fields.volunteerIds}
            options={volunteerOptions}
            checked={volunteerIds}
            onChange={setVolunteerIds}
          />
        )}
        <h2>In the Directory of Services</h2>
        <p>
          Link the group to its listing in your directory so the public can find it. If it has none yet, ask whoever
          keeps your directory (your care coordinator or the ICB's directory team) to add one, then link it here.
        </p>
        <TextField
          id="listing-query"
          label="Search the directory"
          hint="The listing's name"
          value={listingQuery}
          error={errors.fields.directoryServiceId}
          onChange={setListingQuery}
        />
        <Button type="button" variant="secondary" onClick={() => void searchListings()}>
          Search the directory
        </Button>
        {searched !== null && listings.length === 0 && <p aria-live="polite">No listing matches “{searched}”.</p>}
        <Radios
          key={listings.map((l) => l.id).join()}
          name="listing"
          legend="Listing"
          defaultValue={listingId}
          onChange={setListingId}
          options={[
            { value: '', label: 'Not in the directory' },
            ...listings.map((l) => ({ value: l.id, label: l.name, hint: l.organisation })),
          ]}
        />
        {current && (
          <CheckboxField
            id="closed"
            label="The group has closed"
            hint="A closed group keeps its sessions and registers; no new sessions can be added."
            checked={closed}
            onChange={setClosed}
          />
        )}
        <Button aria-disabled={busy || undefined}>
          {busy ? 'Saving…' : current ? 'Save changes' : 'Set up group'}
        </Button>
      </form>
    </>
  );
}
