import { TextInput } from 'nhsuk-react-components';
import { ChoiceGroup, SingleCheckbox } from './ChoiceFields';
import type { FieldErrorOf } from './ReferrerFields';

/** How the team may reach the person, and what helps them take part. */
export function ContactFields({ fieldError }: { fieldError: FieldErrorOf }) {
  return (
    <>
      <h2>Contact and communication</h2>
      <TextInput
        id="person.phone"
        name="person.phone"
        type="tel"
        label="Phone number"
        hint="A UK number, like 01632 960 001 or 07700 900 982"
        autoComplete="off"
        width={20}
        error={fieldError('person.phone')}
      />
      <TextInput
        id="person.email"
        name="person.email"
        type="email"
        label="Email address (optional)"
        autoComplete="off"
        spellCheck={false}
        error={fieldError('person.email')}
      />
      <ChoiceGroup
        name="person.preferredContact"
        legend="How would they like to be contacted?"
        error={fieldError('person.preferredContact')}
        choices={[
          { value: 'phone', label: 'Phone call' },
          { value: 'text', label: 'Text message', hint: 'To a mobile number' },
          { value: 'email', label: 'Email' },
          { value: 'letter', label: 'Letter' },
        ]}
      />
      <TextInput
        id="person.language"
        name="person.language"
        label="Preferred language"
        defaultValue="English"
        autoComplete="off"
        width={20}
        error={fieldError('person.language')}
      />
      <SingleCheckbox
        id="person.interpreterNeeded"
        label="They need an interpreter"
        error={fieldError('person.interpreterNeeded')}
      />
      <TextInput
        id="person.accessibilityNeeds"
        name="person.accessibilityNeeds"
        label="Accessibility or communication needs (optional)"
        hint="For example large print, British Sign Language, step-free access, or a carer present"
        autoComplete="off"
        error={fieldError('person.accessibilityNeeds')}
      />
    </>
  );
}
