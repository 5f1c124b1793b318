import {
  REFERRAL_CAPACITIES,
  REFERRAL_CAPACITY_LABELS,
  SERVICE_STATUS_LABELS,
  SERVICE_STATUSES,
} from '../../../common/directory';
import type { CategoryOption } from '../../../common/directory-maintenance';
import { CheckboxesField, SelectField, TextAreaField } from '../../ui/FormFields';
import { type FieldPaths, fieldBinder } from '../../ui/field-binder';
import { emptyPhone, type ListingDraft } from './listing-draft';
import { AddButton, ListingGroup, patchAt, TextField } from './listing-fields';

/** What every section of the listing form gets: the draft, a way to change it, and its field paths. */
export interface SectionProps {
  draft: ListingDraft;
  set: (patch: Partial<ListingDraft>) => void;
  paths: FieldPaths;
}

export function AboutSection({ draft, set, paths }: SectionProps) {
  const bind = fieldBinder(draft, set, paths);
  return (
    <>
      <h2>About the service</h2>
      <TextField label="Name" {...bind('name')} />
      <TextAreaField label="Description" hint="What happens there, in plain words." rows={6} {...bind('description')} />

      <h2>Status and referrals</h2>
      <SelectField
        label="Status"
        hint="Temporarily closed: it will open again. Inactive: it has stopped."
        options={SERVICE_STATUSES.map((s) => ({ value: s, text: SERVICE_STATUS_LABELS[s] }))}
        {...bind('status')}
      />
      <SelectField
        label="Is it taking referrals now?"
        options={REFERRAL_CAPACITIES.map((c) => ({ value: c, text: REFERRAL_CAPACITY_LABELS[c] }))}
        {...bind('referral_capacity')}
      />
    </>
  );
}

const AGE_LIMITS = [
  { key: 'minimum_age', label: 'Minimum age (years)', none: 'minimum' },
  { key: 'maximum_age', label: 'Maximum age (years)', none: 'maximum' },
] as const;

export function AudienceSection({
  draft,
  set,
  paths,
  categoryOptions,
}: SectionProps & { categoryOptions: CategoryOption[] }) {
  const bind = fieldBinder(draft, set, paths);
  return (
    <>
      <h2>Who it is for</h2>
      {AGE_LIMITS.map(({ key, label, none }) => (
        <TextField
          key={key}
          label={label}
          hint={`Leave empty if there is no ${none}.`}
          width={3}
          inputMode="numeric"
          {...bind(key)}
        />
      ))}
      <TextAreaField label="Who can use it (eligibility)" rows={3} {...bind('eligibility_description')} />
      <TextField label="Fees" hint="For example: Free, or £2 a session." {...bind('fees')} />

      <CheckboxesField
        legend="Categories"
        hint="Select all that apply."
        options={categoryOptions.map((c) => ({ value: c.id, text: c.name }))}
        small
        {...bind.check('taxonomy_term_ids')}
      />
    </>
  );
}

export function ContactSection({ draft, set, paths }: SectionProps) {
  const bind = fieldBinder(draft, set, paths);
  return (
    <>
      <h2>Contact</h2>
      <TextField label="Website" hint="Starting https://" type="url" {...bind('url')} />
      <TextField label="Email address" type="email" {...bind('email')} />
      {draft.phones.map((p, i) => {
        const bindPhone = fieldBinder(
          p,
          (patch) => set({ phones: patchAt(draft.phones, i, patch) }),
          paths,
          `phones.${i}.`,
        );
        return (
          <ListingGroup
            key={p.key}
            name={`Phone ${i + 1}`}
            onRemove={() => set({ phones: draft.phones.filter((_, j) => j !== i) })}
          >
            <TextField label={`Phone ${i + 1} number`} type="tel" width={20} {...bindPhone('number')} />
            <TextField
              label={`Phone ${i + 1} description (optional)`}
              hint="For example: Organiser, or Bookings."
              {...bindPhone('description')}
            />
          </ListingGroup>
        );
      })}
      <AddButton onClick={() => set({ phones: [...draft.phones, emptyPhone()] })}>Add a phone number</AddButton>
    </>
  );
}

export function ReviewSection({ draft, set, paths }: SectionProps) {
  const bind = fieldBinder(draft, set, paths);
  return (
    <>
      <h2>Review</h2>
      <TextField
        label="Check this listing every (months)"
        hint="Between 1 and 36. Usually 6."
        width={3}
        inputMode="numeric"
        {...bind('review_interval_months')}
      />
    </>
  );
}
