import { type FormEvent, useState } from 'react';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { ChoiceGroup } from './ChoiceFields';
import { formatDate } from './referral-format';
import type { NewReferral, PossibleMatch } from './referrals-api';

const FIELD = 'match';

/**
 * Waymark may already know the person (no NHS number to be sure): the user says which record is
 * them, or that they are someone new. Nothing was stored yet; the referral is sent with the answer.
 */
export function PossibleMatchesStep({
  referral,
  matches,
  busy,
  onBack,
  onChoose,
}: {
  referral: NewReferral;
  matches: PossibleMatch[];
  busy: boolean;
  onBack: () => void;
  /** A matching person's id, or 'new'. */
  onChoose: (choice: string) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const name = `${referral.person.givenName} ${referral.person.familyName}`;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const choice = new FormData(event.currentTarget).get(FIELD);
    if (!choice) {
      setError(`Select the person you are referring, or that ${name} is a new person`);
      return;
    }
    onChoose(String(choice));
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <button type="button" className="nhsuk-back-link" onClick={onBack}>
          Back to the referral
        </button>
        <ErrorSummary errors={error ? [{ fieldId: FIELD, message: error }] : []} revision={error} />
        <h1>Is this the same person?</h1>
        <p>
          Waymark already knows {matches.length === 1 ? 'someone' : `${matches.length} people`} with the same last name
          and date of birth as {name}, born {formatDate(referral.person.dateOfBirth ?? '')}. Choosing the same person
          keeps their referrals together in one record.
        </p>
        <form onSubmit={submit} noValidate>
          <ChoiceGroup
            name={FIELD}
            legend="Who are you referring?"
            legendSize="m"
            error={error ?? undefined}
            choices={[
              ...matches.map((m) => ({
                value: m.id,
                label: `${m.givenName} ${m.familyName}`,
                hint: `Born ${formatDate(m.dateOfBirth)}${m.postcode ? `, postcode ${m.postcode}` : ', no postcode recorded'}`,
              })),
              {
                value: 'new',
                label: `None of these: ${name} is a new person`,
                dividerBefore: true,
              },
            ]}
          />
          <Button aria-disabled={busy || undefined}>{busy ? 'Sending…' : 'Send referral'}</Button>
        </form>
      </div>
    </div>
  );
}
