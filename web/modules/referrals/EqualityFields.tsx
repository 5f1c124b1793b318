import { useState } from 'react';
import { GENDER_IDENTITIES, GENDER_IDENTITY_LABELS, SEX_LABELS, SEXES, type Sex } from '../../../common/equality';
import { describedBy, ErrorMessage, Group, Hint, TextField } from '../../ui/FormFields';
import { ChoiceGroup } from './ChoiceFields';
import { EQUALITY_LABELS, ETHNIC_OPTION_GROUPS } from './equality-form';

export const EQUALITY_HINT =
  'We ask so we can check the service is fair to everyone. The person can choose not to answer.';

/**
 * The optional equality questions, named `${prefix}sex` etc. so the API's field errors land on
 * them. Uncontrolled except the gender identity, whose "in another way" reveals a text box.
 */
export function EqualityFields({
  prefix,
  errors,
  initial,
}: {
  prefix: string;
  errors: Record<string, string | undefined>;
  initial?: {
    sex?: string | null;
    genderIdentity?: string | null;
    genderIdentityDescription?: string | null;
    ethnicity?: string | null;
  };
}) {
  const name = (f: string) => `${prefix}${f}`;
  const [gender, setGender] = useState(initial?.genderIdentity ?? '');
  const [description, setDescription] = useState(initial?.genderIdentityDescription ?? '');
  const ethnicityId = name('ethnicity');
  const ethnicityError = errors[ethnicityId];
  return (
    <>
      <ChoiceGroup
        name={name('sex')}
        legend={EQUALITY_LABELS.sex}
        error={errors[name('sex')]}
        defaultSelected={initial?.sex ? [initial.sex] : []}
        choices={SEXES.map((s: Sex) => ({ value: s, label: SEX_LABELS[s], dividerBefore: s === 'not_stated' }))}
      />
      <ChoiceGroup
        name={name('genderIdentity')}
        legend={EQUALITY_LABELS.genderIdentity}
        hint="How they think of themselves. This can be different from their sex."
        error={errors[name('genderIdentity')]}
        selected={[gender]}
        onChange={(value, checked) => checked && setGender(value)}
        choices={GENDER_IDENTITIES.map((g) => ({
          value: g,
          label: g === 'self_described' ? 'In another way' : GENDER_IDENTITY_LABELS[g],
          dividerBefore: g === 'not_stated',
          reveal:
            g === 'self_described' ? (
              <TextField
                id={name('genderIdentityDescription')}
                label={EQUALITY_LABELS.genderIdentityDescription}
                value={description}
                error={errors[name('genderIdentityDescription')]}
                onChange={setDescription}
              />
            ) : undefined,
        }))}
      />
      {/* The revealed box is controlled and has no name of its own; this carries its value. */}
      {gender === 'self_described' && (
        <input type="hidden" name={name('genderIdentityDescription')} value={description} />
      )}
      <Group error={ethnicityError}>
        <label className="nhsuk-label" htmlFor={ethnicityId}>
          {EQUALITY_LABELS.ethnicity}
        </label>
        <Hint id={ethnicityId} hint="The NHS ethnic categories" />
        <ErrorMessage id={ethnicityId} error={ethnicityError} />
        <select
          className={`nhsuk-select${ethnicityError ? ' nhsuk-select--error' : ''}`}
          id={ethnicityId}
          name={ethnicityId}
          defaultValue={initial?.ethnicity ?? ''}
          aria-describedby={describedBy(ethnicityId, 'hint', ethnicityError)}
        >
          <option value="">Not answered</option>
          {ETHNIC_OPTION_GROUPS.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.text}
                </option>
              ))}
            </optgroup>
          ))}
          <option value="Z">Prefer not to say (Z)</option>
        </select>
      </Group>
    </>
  );
}
