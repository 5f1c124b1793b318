import { type ComponentProps, type FormEvent, type ReactNode, useState } from 'react';
import {
  type ListingInput,
  LOCATION_TYPES,
  REFERRAL_CAPACITIES,
  REFERRAL_CAPACITY_LABELS,
  SERVICE_STATUS_LABELS,
  SERVICE_STATUSES,
  WEEKDAY_LABELS,
  WEEKDAYS,
  type Weekday,
} from '../../../common/directory';
import type { CategoryOption } from '../../../common/directory-maintenance';
import { Button } from '../../ui/Button';
import { ErrorSummary, type SummaryError } from '../../ui/ErrorSummary';
import {
  CheckboxesField,
  CheckboxField,
  SelectField,
  TextAreaField,
  TextField as UiTextField,
} from '../../ui/FormFields';
import { phrase } from '../../ui/form-errors';
import {
  emptyLocation,
  emptyPhone,
  emptySchedule,
  fieldId,
  fromDraft,
  isShownField,
  type ListingDraft,
  type LocationDraft,
  liftedConfidentiality,
  listingErrorsFromApi,
  MONTH_WEEKS,
  type PhoneDraft,
  pathLabel,
  type ScheduleDraft,
  toDraft,
} from './listing-draft';
import './maintenance.css';

// A listing's fields are names, addresses and codes: no browser autofill, no spell-check underlines.
const TextField = (props: ComponentProps<typeof UiTextField>) => (
  <UiTextField autoComplete="off" spellCheck={false} {...props} />
);

const LOCATION_TYPE_LABELS = { physical: 'A building people visit', postal: 'A postal address', virtual: 'Online' };
const WEEKDAY_OPTIONS = WEEKDAYS.map((d) => ({ value: d, text: WEEKDAY_LABELS[d] }));

/**
 * The listing edit form, used by reviewers (edit a listing) and VCS partners (propose a change).
 * It edits a ListingInput document; the server validates it and its 400 answer (field paths like
 * "locations.0.address.postal_code", under the request's `errorPrefix`) is shown in the error
 * summary and beside each field.
 */
export function ListingForm({
  initial,
  categoryOptions,
  submitLabel,
  errorPrefix,
  error,
  busy,
  onSubmit,
  onCancel,
  canLiftConfidentiality = false,
  children,
}: {
  initial: ListingInput;
  categoryOptions: CategoryOption[];
  submitLabel: string;
  /** The request body's name for the document: "listing" or "proposed". */
  errorPrefix: string;
  /** The last failed submission (a 400 is shown here; other errors are the page's to show). */
  error: unknown;
  busy: boolean;
  /** `liftConfidentialityOf`: the confidential places a reviewer makes public (explicitly). */
  onSubmit: (input: ListingInput, liftConfidentialityOf: string[]) => void;
  onCancel?: () => void;
  /** Reviewers may make a confidential address public; partners may not (they are told who can). */
  canLiftConfidentiality?: boolean;
  /** Shown above the buttons (e.g. what happens next). */
  children?: ReactNode;
}) {
  const [draft, setDraft] = useState<ListingDraft>(() => toDraft(initial));
  const errors = listingErrorsFromApi(error, errorPrefix);
  const err = (path: string) => errors?.fields[path];
  const set = (patch: Partial<ListingDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const summary: SummaryError[] = [
    ...(errors?.form ? [{ message: errors.form }] : []),
    ...Object.entries(errors?.fields ?? {}).map(([path, message]) => ({
      fieldId: isShownField(path) ? fieldId(path) : undefined,
      message: phrase(pathLabel(path), message),
    })),
  ];

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!busy) onSubmit(fromDraft(draft), liftedConfidentiality(draft));
  }

  const updatePhone = (i: number, patch: Partial<PhoneDraft>) =>
    set({ phones: draft.phones.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const updateLocation = (i: number, patch: Partial<LocationDraft>) =>
    set({ locations: draft.locations.map((l, j) => (j === i ? { ...l, ...patch } : l)) });
  const updateSchedule = (i: number, patch: Partial<ScheduleDraft>) =>
    set({ schedules: draft.schedules.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const savedPlaces = draft.locations.filter((l) => l.original?.id);

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={summary} revision={error} />

      <h2>About the service</h2>
      <TextField
        id={fieldId('name')}
        label="Name"
        value={draft.name}
        error={err('name')}
        onChange={(name) => set({ name })}
      />
      <TextAreaField
        id={fieldId('description')}
        label="Description"
        hint="What happens there, in plain words."
        value={draft.description}
        error={err('description')}
        rows={6}
        onChange={(description) => set({ description })}
      />

      <h2>Status and referrals</h2>
      <SelectField
        id={fieldId('status')}
        label="Status"
        hint="Temporarily closed: it will open again. Inactive: it has stopped."
        value={draft.status}
        error={err('status')}
        options={SERVICE_STATUSES.map((s) => ({ value: s, text: SERVICE_STATUS_LABELS[s] }))}
        onChange={(status) => set({ status: status as ListingDraft['status'] })}
      />
      <SelectField
        id={fieldId('referral_capacity')}
        label="Is it taking referrals now?"
        value={draft.referral_capacity}
        error={err('referral_capacity')}
        options={REFERRAL_CAPACITIES.map((c) => ({ value: c, text: REFERRAL_CAPACITY_LABELS[c] }))}
        onChange={(c) => set({ referral_capacity: c as ListingDraft['referral_capacity'] })}
      />

      <h2>Who it is for</h2>
      <TextField
        id={fieldId('minimum_age')}
        label="Minimum age (years)"
        hint="Leave empty if there is no minimum."
        value={draft.minimum_age}
        error={err('minimum_age')}
        width={3}
        inputMode="numeric"
        onChange={(minimum_age) => set({ minimum_age })}
      />
      <TextField
        id={fieldId('maximum_age')}
        label="Maximum age (years)"
        hint="Leave empty if there is no maximum."
        value={draft.maximum_age}
        error={err('maximum_age')}
        width={3}
        inputMode="numeric"
        onChange={(maximum_age) => set({ maximum_age })}
      />
      <TextAreaField
        id={fieldId('eligibility_description')}
        label="Who can use it (eligibility)"
        value={draft.eligibility_description}
        error={err('eligibility_description')}
        rows={3}
        onChange={(eligibility_description) => set({ eligibility_description })}
      />
      <TextField
        id={fieldId('fees')}
        label="Fees"
        hint="For example: Free, or £2 a session."
        value={draft.fees}
        error={err('fees')}
        onChange={(fees) => set({ fees })}
      />

      <CheckboxesField
        id={fieldId('taxonomy_term_ids')}
        legend="Categories"
        hint="Select all that apply."
        error={err('taxonomy_term_ids')}
        options={categoryOptions.map((c) => ({ value: c.id, text: c.name }))}
        checked={draft.taxonomy_term_ids}
        small
        onChange={(taxonomy_term_ids) => set({ taxonomy_term_ids })}
      />

      <h2>Contact</h2>
      <TextField
        id={fieldId('url')}
        label="Website"
        hint="Starting https://"
        type="url"
        value={draft.url}
        error={err('url')}
        onChange={(url) => set({ url })}
      />
      <TextField
        id={fieldId('email')}
        label="Email address"
        type="email"
        value={draft.email}
        error={err('email')}
        onChange={(email) => set({ email })}
      />
      {draft.phones.map((p, i) => (
        <fieldset className="nhsuk-fieldset waymark-listing-group" key={p.key}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Phone {i + 1}</legend>
          <TextField
            id={fieldId(`phones.${i}.number`)}
            label={`Phone ${i + 1} number`}
            type="tel"
            width={20}
            value={p.number}
            error={err(`phones.${i}.number`)}
            onChange={(number) => updatePhone(i, { number })}
          />
          <TextField
            id={fieldId(`phones.${i}.description`)}
            label={`Phone ${i + 1} description (optional)`}
            hint="For example: Organiser, or Bookings."
            value={p.description}
            error={err(`phones.${i}.description`)}
            onChange={(description) => updatePhone(i, { description })}
          />
          <Button
            type="button"
            variant="secondary"
            small
            onClick={() => set({ phones: draft.phones.filter((_, j) => j !== i) })}
          >
            Remove phone {i + 1}
          </Button>
        </fieldset>
      ))}
      <Button type="button" variant="secondary" small onClick={() => set({ phones: [...draft.phones, emptyPhone()] })}>
        Add a phone number
      </Button>

      <h2>Places</h2>
      {draft.locations.length === 0 && <p>No places yet. Online or area-wide services need none.</p>}
      {draft.locations.map((l, i) => (
        <fieldset className="nhsuk-fieldset waymark-listing-group" key={l.key}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Place {i + 1}</legend>
          <SelectField
            id={fieldId(`locations.${i}.location_type`)}
            label={`Place ${i + 1} type`}
            value={l.location_type}
            error={err(`locations.${i}.location_type`)}
            options={LOCATION_TYPES.map((t) => ({ value: t, text: LOCATION_TYPE_LABELS[t] }))}
            onChange={(t) => updateLocation(i, { location_type: t as LocationDraft['location_type'] })}
          />
          <TextField
            id={fieldId(`locations.${i}.name`)}
            label={`Place ${i + 1} name`}
            hint="For example: Quayside Community Centre."
            value={l.name}
            error={err(`locations.${i}.name`)}
            onChange={(name) => updateLocation(i, { name })}
          />
          {l.location_type !== 'virtual' && (
            <>
              <TextField
                id={fieldId(`locations.${i}.address.address_1`)}
                label={`Place ${i + 1} address line 1`}
                value={l.address_1}
                error={err(`locations.${i}.address.address_1`)}
                onChange={(address_1) => updateLocation(i, { address_1 })}
              />
              <TextField
                id={fieldId(`locations.${i}.address.address_2`)}
                label={`Place ${i + 1} address line 2 (optional)`}
                value={l.address_2}
                error={err(`locations.${i}.address.address_2`)}
                onChange={(address_2) => updateLocation(i, { address_2 })}
              />
              <TextField
                id={fieldId(`locations.${i}.address.city`)}
                label={`Place ${i + 1} town or city`}
                width={20}
                value={l.city}
                error={err(`locations.${i}.address.city`)}
                onChange={(city) => updateLocation(i, { city })}
              />
              <TextField
                id={fieldId(`locations.${i}.address.postal_code`)}
                label={`Place ${i + 1} postcode`}
                width={10}
                value={l.postal_code}
                error={err(`locations.${i}.address.postal_code`)}
                onChange={(postal_code) => updateLocation(i, { postal_code })}
              />
              {l.original?.confidential ? (
                <ConfidentialPlace
                  id={fieldId(`locations.${i}.confidential`)}
                  place={`Place ${i + 1}`}
                  canLift={canLiftConfidentiality}
                  madePublic={!l.confidential}
                  error={err(`locations.${i}.confidential`)}
                  onChange={(madePublic) => updateLocation(i, { confidential: !madePublic })}
                />
              ) : (
                <CheckboxField
                  id={fieldId(`locations.${i}.confidential`)}
                  label="Keep this address confidential"
                  hint="For example a refuge: the public and the Open Referral API will not see the address; staff will."
                  error={err(`locations.${i}.confidential`)}
                  checked={l.confidential}
                  onChange={(confidential) => updateLocation(i, { confidential })}
                />
              )}
            </>
          )}
          <Button
            type="button"
            variant="secondary"
            small
            onClick={() =>
              set({
                locations: draft.locations.filter((_, j) => j !== i),
                // Opening times at a removed place no longer point at it.
                schedules: draft.schedules.map((s) =>
                  s.location_id && s.location_id === l.original?.id ? { ...s, location_id: '' } : s,
                ),
              })
            }
          >
            Remove place {i + 1}
          </Button>
        </fieldset>
      ))}
      <Button
        type="button"
        variant="secondary"
        small
        onClick={() => set({ locations: [...draft.locations, emptyLocation()] })}
      >
        Add a place
      </Button>

      <h2>Opening times</h2>
      {draft.schedules.length === 0 && <p>No opening times yet.</p>}
      {draft.schedules.map((s, i) => (
        <fieldset className="nhsuk-fieldset waymark-listing-group" key={s.key}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Opening time {i + 1}</legend>
          <SelectField
            id={fieldId(`schedules.${i}.freq`)}
            label={`Opening time ${i + 1}: how often`}
            value={s.freq}
            error={err(`schedules.${i}.freq`)}
            options={[
              { value: 'WEEKLY', text: 'Every week' },
              { value: 'MONTHLY', text: 'Once a month' },
            ]}
            onChange={(freq) => updateSchedule(i, { freq: freq as ScheduleDraft['freq'] })}
          />
          {s.freq === 'WEEKLY' ? (
            <CheckboxesField
              id={fieldId(`schedules.${i}.byday`)}
              legend={`Opening time ${i + 1}: days`}
              error={err(`schedules.${i}.byday`)}
              options={WEEKDAY_OPTIONS}
              checked={s.days}
              small
              onChange={(days) => updateSchedule(i, { days: days as Weekday[] })}
            />
          ) : (
            <>
              {!s.week && s.original?.bymonthday && (
                <p className="nhsuk-body-s">
                  Runs on day {s.original.bymonthday} of the month. Choose a week and day below to change it.
                </p>
              )}
              <SelectField
                id={fieldId(`schedules.${i}.byday`)}
                label={`Opening time ${i + 1}: which week of the month`}
                value={s.week}
                error={err(`schedules.${i}.byday`) ?? err(`schedules.${i}.bymonthday`)}
                options={[
                  ...(s.original?.bymonthday ? [{ value: '', text: 'Keep the days of the month' }] : []),
                  ...MONTH_WEEKS,
                ]}
                onChange={(week) => updateSchedule(i, { week })}
              />
              <SelectField
                id={fieldId(`schedules.${i}.weekday`)}
                label={`Opening time ${i + 1}: day`}
                value={s.weekday}
                options={WEEKDAY_OPTIONS}
                onChange={(weekday) => updateSchedule(i, { weekday: weekday as Weekday })}
              />
            </>
          )}
          <TextField
            id={fieldId(`schedules.${i}.opens_at`)}
            label={`Opening time ${i + 1}: opens at`}
            hint="24-hour clock, like 09:30"
            width={5}
            value={s.opens_at}
            error={err(`schedules.${i}.opens_at`)}
            onChange={(opens_at) => updateSchedule(i, { opens_at })}
          />
          <TextField
            id={fieldId(`schedules.${i}.closes_at`)}
            label={`Opening time ${i + 1}: closes at`}
            hint="24-hour clock, like 12:00"
            width={5}
            value={s.closes_at}
            error={err(`schedules.${i}.closes_at`)}
            onChange={(closes_at) => updateSchedule(i, { closes_at })}
          />
          {savedPlaces.length > 0 && (
            <SelectField
              id={fieldId(`schedules.${i}.location_id`)}
              label={`Opening time ${i + 1}: where`}
              value={s.location_id}
              error={err(`schedules.${i}.location_id`)}
              options={[
                { value: '', text: 'Not tied to one place' },
                ...savedPlaces.map((l) => ({ value: l.original?.id ?? '', text: l.name || 'Unnamed place' })),
              ]}
              onChange={(location_id) => updateSchedule(i, { location_id })}
            />
          )}
          <TextField
            id={fieldId(`schedules.${i}.notes`)}
            label={`Opening time ${i + 1}: notes (optional)`}
            hint="For example: Not on bank holidays."
            value={s.notes}
            error={err(`schedules.${i}.notes`)}
            onChange={(notes) => updateSchedule(i, { notes })}
          />
          <Button
            type="button"
            variant="secondary"
            small
            onClick={() => set({ schedules: draft.schedules.filter((_, j) => j !== i) })}
          >
            Remove opening time {i + 1}
          </Button>
        </fieldset>
      ))}
      <Button
        type="button"
        variant="secondary"
        small
        onClick={() => set({ schedules: [...draft.schedules, emptySchedule()] })}
      >
        Add an opening time
      </Button>

      <h2>Review</h2>
      <TextField
        id={fieldId('review_interval_months')}
        label="Check this listing every (months)"
        hint="Between 1 and 36. Usually 6."
        width={3}
        inputMode="numeric"
        value={draft.review_interval_months}
        error={err('review_interval_months')}
        onChange={(review_interval_months) => set({ review_interval_months })}
      />

      {children}
      <div className="nhsuk-button-group">
        <Button aria-disabled={busy || undefined}>{busy ? 'Saving…' : submitLabel}</Button>
        {onCancel && (
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}

/**
 * A stored confidential place (such as a refuge). Making its address public is a decision with
 * consequences for people's safety: a reviewer takes it explicitly, with a warning, and it is
 * recorded; a partner is told who can.
 */
function ConfidentialPlace({
  id,
  place,
  canLift,
  madePublic,
  error,
  onChange,
}: {
  id: string;
  place: string;
  canLift: boolean;
  madePublic: boolean;
  error?: string;
  onChange: (madePublic: boolean) => void;
}) {
  return (
    <div className="nhsuk-warning-callout">
      <h3 className="nhsuk-warning-callout__label">
        <span className="nhsuk-u-visually-hidden">Important: </span>
        {place}: confidential address
      </h3>
      <p>
        The public and the Open Referral API do not see this address. It may be where people are kept safe, such as a
        refuge.
      </p>
      {canLift ? (
        <CheckboxField
          id={id}
          label="Make this address public"
          hint="Only if the service has told you the address no longer needs to be kept secret. Anyone will be able to find it in the directory and in the Open Referral API, and other systems may copy it. Your name is recorded."
          error={error}
          checked={madePublic}
          onChange={onChange}
        />
      ) : (
        <p>Only the social prescribing team can make it public. Contact them if it no longer needs to be secret.</p>
      )}
    </div>
  );
}
