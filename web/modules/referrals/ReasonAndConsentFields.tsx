import { MAX_LENGTH } from '../../../common/schemas/fields';
import { CharacterCount } from './CharacterCount';
import { ChoiceGroup, SingleCheckbox } from './ChoiceFields';
import type { ReferralField } from './ReferrerFields';
import type { ReferralReason } from './referrals-api';

/** Why the person is referred, how soon, and what they agreed to. */
export function ReasonAndConsentFields({ reasons, field }: { reasons: ReferralReason[]; field: ReferralField }) {
  return (
    <>
      <h2>The referral</h2>
      <ChoiceGroup
        name="reasons"
        multiple
        legend="Why are you referring them?"
        hint="Select all that apply"
        error={field('reasons').error}
        choices={reasons.map((r) => ({ value: r.code, label: r.label }))}
      />
      <CharacterCount
        id="details"
        label="Details (optional)"
        hint="What matters to the person, and anything the team should know before contacting them. The person may ask to see what you write."
        maxLength={MAX_LENGTH.referralDetails}
        error={field('details').error}
      />
      <ChoiceGroup
        name="urgencyRequested"
        legend="How soon should the team contact them?"
        hint="The team lead decides the priority; this is what you ask for"
        error={field('urgencyRequested').error}
        choices={[
          { value: 'routine', label: 'Routine' },
          { value: 'soon', label: 'Soon', hint: 'Things are getting worse for them' },
          {
            value: 'urgent',
            label: 'Urgent',
            hint: 'They need contact within days. Not for emergencies or crisis.',
          },
        ]}
      />
      <SingleCheckbox
        {...field('safeguardingConcern')}
        label="There is a safeguarding concern"
        hint="Say what it is in the details. This does not replace your safeguarding procedures."
      />

      <h2>Consent</h2>
      <SingleCheckbox
        {...field('consentToReferral')}
        label="The person agrees to be referred to the social prescribing team"
      />
      <ChoiceGroup
        name="consentToShare"
        legend="Do they agree to the team sharing their details with the community services it refers them to?"
        hint="Only what a service needs to help them. They can change their mind."
        inline
        error={field('consentToShare').error}
        choices={[
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' },
        ]}
      />
    </>
  );
}
