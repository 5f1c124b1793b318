import { TextInput } from 'nhsuk-react-components';
import type { PracticeNode } from '../../../common/api-types';
import { NHS_NUMBER_EXAMPLE, POSTCODE_EXAMPLE } from '../../../common/referrals';
import { DateInput } from '../../ui/DateInput';
import { SingleCheckbox } from './ChoiceFields';
import { PracticeSelect, type ReferralField } from './ReferrerFields';
import type { Source } from './referral-form';

/** About the person: who they are, and (for the team) their registered practice. */
export function PersonFields({
  source,
  practices,
  askPractice,
  field,
}: {
  source: Source | '';
  practices: PracticeNode[];
  /** The team records a referral not made by a practice: which practice is the person with? */
  askPractice: boolean;
  field: ReferralField;
}) {
  return (
    <>
      <h2>About the person</h2>
      <TextInput
        {...field('person.nhsNumber')}
        label="NHS number"
        hint={
          source === 'self'
            ? `Optional for a self-referral. 10 digits, like ${NHS_NUMBER_EXAMPLE}`
            : `This is a 10 digit number, like ${NHS_NUMBER_EXAMPLE}`
        }
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        width={10}
      />
      <SingleCheckbox
        {...field('person.noNhsNumber')}
        label="They do not have an NHS number, or it is not known"
        hint="Waymark will then check whether it already knows this person by their name and date of birth"
      />
      <TextInput {...field('person.givenName')} label="First name" autoComplete="off" spellCheck={false} />
      <TextInput {...field('person.familyName')} label="Last name" autoComplete="off" spellCheck={false} />
      <DateInput
        id="person.dateOfBirth"
        legend="Date of birth"
        hint="For example, 15 3 1984"
        error={field('person.dateOfBirth').error}
      />
      <TextInput
        {...field('person.postcode')}
        label="Postcode"
        hint={`For example, ${POSTCODE_EXAMPLE}. Leave empty if they have no fixed address`}
        autoComplete="off"
        spellCheck={false}
        width={10}
        className="waymark-uppercase"
      />
      {askPractice && (
        <PracticeSelect
          id="person.registeredPracticeId"
          label="Registered GP practice (optional)"
          hint="If they are registered with a practice in this PCN"
          practices={practices}
          error={field('person.registeredPracticeId').error}
          emptyText="Not known, or not in this PCN"
        />
      )}
    </>
  );
}
