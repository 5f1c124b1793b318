import { EQUALITY_HINT, EqualityFields } from './EqualityFields';

/** The referral form's optional equality questions, under their own heading. */
export function AboutThePersonFields({ errors }: { errors: Record<string, string | undefined> }) {
  return (
    <>
      <h2>About the person (optional)</h2>
      <p className="nhsuk-hint">{EQUALITY_HINT}</p>
      <EqualityFields prefix="person." errors={errors} />
    </>
  );
}
