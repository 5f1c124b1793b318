import { Select, TextInput } from 'nhsuk-react-components';
import { BANDS } from './staff-fields';

/** Band, FTE and caseload capacity: only asked for the PCN team roles. */
export function StaffFields({
  errors,
  defaults,
}: {
  errors: Record<string, string>;
  defaults: { band?: string | null; fte?: number | null; caseloadCapacity?: number | null };
}) {
  return (
    <>
      <Select
        id="band"
        name="band"
        label="Band"
        hint="Agenda for Change band. Care coordinators are usually band 4; link workers and health and wellbeing coaches band 5."
        defaultValue={defaults.band ?? ''}
        error={errors.band}
      >
        <Select.Option value="">Not set</Select.Option>
        {BANDS.map((band) => (
          <Select.Option key={band} value={band}>
            Band {band}
          </Select.Option>
        ))}
      </Select>
      <TextInput
        id="fte"
        name="fte"
        label="Working hours (FTE)"
        hint="Full-time equivalent: 1 is full time, 0.6 is 3 days a week"
        inputMode="decimal"
        width={4}
        spellCheck={false}
        defaultValue={defaults.fte ?? ''}
        error={errors.fte}
      />
      <TextInput
        id="caseloadCapacity"
        name="caseloadCapacity"
        label="Caseload capacity"
        hint="Open cases this person could carry if full time. Waymark scales it by their working hours."
        inputMode="numeric"
        width={4}
        spellCheck={false}
        defaultValue={defaults.caseloadCapacity ?? ''}
        error={errors.caseloadCapacity}
      />
    </>
  );
}
