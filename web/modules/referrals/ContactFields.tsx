import { TextInput } from 'nhsuk-react-components';
import { ChoiceGroup, SingleCheckbox } from './ChoiceFields';
import type { ReferralField } from './ReferrerFields';

/** How the team may reach the person, and what helps them take part. */
export function ContactFields({ field }: { field: ReferralField }) {
  return (
    <>
      <h2>Contact and communication</h2>
      <TextInput
        {...field('person.phone')}
        type="tel"
        label="Phone number"
        hint="A UK number, like 01632 960 001 or 07700 900 982"
        autoComplete="off"
        width={20}
      />
      <TextInput
        {...field('person.email')}
        type="email"
        label="Email address (optional)"
        autoComplete="off"
        spellCheck={false}
      />
      <ChoiceGroup
        name="person.preferredContact"
        legend="How would they like to be contacted?"
        error={field('person.preferredContact').error}
        choices={[
          { value: 'phone', label: 'Phone call' },
          { value: 'text', label: 'Text message', hint: 'To a mobile number' },
          { value: 'email', label: 'Email' },
          { value: 'letter', label: 'Letter' },
        ]}
      />
      <TextInput
        {...field('person.language')}
        label="Preferred language"
        defaultValue="English"
        autoComplete="off"
        width={20}
      />
      <SingleCheckbox {...field('person.interpreterNeeded')} label="They need an interpreter" />
      <TextInput
        {...field('person.accessibilityNeeds')}
        label="Accessibility or communication needs (optional)"
        hint="For example large print, British Sign Language, step-free access, or a carer present"
        autoComplete="off"
      />
    </>
  );
}
