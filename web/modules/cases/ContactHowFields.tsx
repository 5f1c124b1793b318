import { TextInput } from 'nhsuk-react-components';
import { CONTACT_MODE_LABELS, CONTACT_MODES } from '../../../common/cases';
import { Radios } from '../../ui/Radios';

/** How a contact took place and how long it lasted: the same two fields wherever a contact is recorded. */
export function ContactHowFields({
  legend,
  hint,
  errors,
}: {
  legend: string;
  hint?: string;
  errors: Record<string, string | undefined>;
}) {
  return (
    <>
      <Radios
        name="mode"
        legend={legend}
        hint={hint}
        error={errors.mode}
        options={CONTACT_MODES.map((m) => ({ value: m, label: CONTACT_MODE_LABELS[m] }))}
      />
      <TextInput
        id="durationMinutes"
        name="durationMinutes"
        label="Duration in minutes"
        hint={hint}
        width={3}
        inputMode="numeric"
        autoComplete="off"
        error={errors.durationMinutes}
      />
    </>
  );
}
