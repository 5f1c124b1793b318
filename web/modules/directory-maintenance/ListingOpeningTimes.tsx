import { WEEKDAY_LABELS, WEEKDAYS } from '../../../common/directory';
import { CheckboxesField, SelectField } from '../../ui/FormFields';
import { fieldBinder } from '../../ui/field-binder';
import type { SectionProps } from './ListingSections';
import { emptySchedule, MONTH_WEEKS } from './listing-draft';
import { AddButton, ListingGroup, patchAt, TextField } from './listing-fields';

const WEEKDAY_OPTIONS = WEEKDAYS.map((d) => ({ value: d, text: WEEKDAY_LABELS[d] }));
const FREQUENCIES = [
  { value: 'WEEKLY', text: 'Every week' },
  { value: 'MONTHLY', text: 'Once a month' },
];

export function OpeningTimesSection({ draft, set, paths }: SectionProps) {
  const savedPlaces = draft.locations.filter((l) => l.original?.id);
  return (
    <>
      <h2>Opening times</h2>
      {draft.schedules.length === 0 && <p>No opening times yet.</p>}
      {draft.schedules.map((s, i) => {
        const time = `Opening time ${i + 1}`;
        const bind = fieldBinder(
          s,
          (patch) => set({ schedules: patchAt(draft.schedules, i, patch) }),
          paths,
          `schedules.${i}.`,
        );
        const week = bind('week', 'byday');
        return (
          <ListingGroup
            key={s.key}
            name={time}
            onRemove={() => set({ schedules: draft.schedules.filter((_, j) => j !== i) })}
          >
            <SelectField label={`${time}: how often`} options={FREQUENCIES} {...bind('freq')} />
            {s.freq === 'WEEKLY' ? (
              <CheckboxesField
                legend={`${time}: days`}
                options={WEEKDAY_OPTIONS}
                small
                {...bind.check('days', 'byday')}
              />
            ) : (
              <>
                {!s.week && s.original?.bymonthday && (
                  <p className="nhsuk-body-s">
                    Runs on day {s.original.bymonthday} of the month. Choose a week and day below to change it.
                  </p>
                )}
                <SelectField
                  label={`${time}: which week of the month`}
                  options={[
                    ...(s.original?.bymonthday ? [{ value: '', text: 'Keep the days of the month' }] : []),
                    ...MONTH_WEEKS,
                  ]}
                  {...week}
                  error={week.error ?? paths.error(`schedules.${i}.bymonthday`)}
                />
                {/* The API has no field for the weekday alone: its errors are about byday, shown above. */}
                <SelectField label={`${time}: day`} options={WEEKDAY_OPTIONS} {...bind('weekday')} error={undefined} />
              </>
            )}
            <TextField label={`${time}: opens at`} hint="24-hour clock, like 09:30" width={5} {...bind('opens_at')} />
            <TextField label={`${time}: closes at`} hint="24-hour clock, like 12:00" width={5} {...bind('closes_at')} />
            {savedPlaces.length > 0 && (
              <SelectField
                label={`${time}: where`}
                options={[
                  { value: '', text: 'Not tied to one place' },
                  ...savedPlaces.map((l) => ({ value: l.original?.id ?? '', text: l.name || 'Unnamed place' })),
                ]}
                {...bind('location_id')}
              />
            )}
            <TextField
              label={`${time}: notes (optional)`}
              hint="For example: Not on bank holidays."
              {...bind('notes')}
            />
          </ListingGroup>
        );
      })}
      <AddButton onClick={() => set({ schedules: [...draft.schedules, emptySchedule()] })}>
        Add an opening time
      </AddButton>
    </>
  );
}
