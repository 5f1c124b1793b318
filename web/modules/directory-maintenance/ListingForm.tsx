import { type FormEvent, type ReactNode, useState } from 'react';
import type { ListingInput } from '../../../common/directory';
import type { CategoryOption } from '../../../common/directory-maintenance';
import { Button } from '../../ui/Button';
import { ErrorSummary, type SummaryError } from '../../ui/ErrorSummary';
import { phrase } from '../../ui/form-errors';
import { OpeningTimesSection } from './ListingOpeningTimes';
import { PlacesSection } from './ListingPlaces';
import { AboutSection, AudienceSection, ContactSection, ReviewSection } from './ListingSections';
import {
  fieldId,
  fromDraft,
  isShownField,
  type ListingDraft,
  liftedConfidentiality,
  listingErrorsFromApi,
  pathLabel,
  toDraft,
} from './listing-draft';
import './maintenance.css';

/**
 * The listing edit form, used by reviewers (edit a listing) and VCS partners (propose a change).
 * It edits a ListingInput document; the server validates it and its 400 answer (field paths like
 * "locations.0.address.postal_code", under the request's `errorPrefix`) is shown in the error
 * summary and beside each field.
 */
export function ListingForm({
  initial,
  categoryOptions,
  submitLabel,
  errorPrefix,
  error,
  busy,
  onSubmit,
  onCancel,
  canLiftConfidentiality = false,
  children,
}: {
  initial: ListingInput;
  categoryOptions: CategoryOption[];
  submitLabel: string;
  /** The request body's name for the document: "listing" or "proposed". */
  errorPrefix: string;
  /** The last failed submission (a 400 is shown here; other errors are the page's to show). */
  error: unknown;
  busy: boolean;
  /** `liftConfidentialityOf`: the confidential places a reviewer makes public (explicitly). */
  onSubmit: (input: ListingInput, liftConfidentialityOf: string[]) => void;
  onCancel?: () => void;
  /** Reviewers may make a confidential address public; partners may not (they are told who can). */
  canLiftConfidentiality?: boolean;
  /** Shown above the buttons (e.g. what happens next). */
  children?: ReactNode;
}) {
  const [draft, setDraft] = useState<ListingDraft>(() => toDraft(initial));
  const errors = listingErrorsFromApi(error, errorPrefix);
  const set = (patch: Partial<ListingDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const paths = { id: fieldId, error: (path: string) => errors?.fields[path] };
  const section = { draft, set, paths };

  const summary: SummaryError[] = [
    ...(errors?.form ? [{ message: errors.form }] : []),
    ...Object.entries(errors?.fields ?? {}).map(([path, message]) => ({
      fieldId: isShownField(path) ? fieldId(path) : undefined,
      message: phrase(pathLabel(path), message),
    })),
  ];

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!busy) onSubmit(fromDraft(draft), liftedConfidentiality(draft));
  }

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={summary} revision={error} />
      <AboutSection {...section} />
      <AudienceSection {...section} categoryOptions={categoryOptions} />
      <ContactSection {...section} />
      <PlacesSection {...section} canLiftConfidentiality={canLiftConfidentiality} />
      <OpeningTimesSection {...section} />
      <ReviewSection {...section} />

      {children}
      <div className="nhsuk-button-group">
        <Button aria-disabled={busy || undefined}>{busy ? 'Saving…' : submitLabel}</Button>
        {onCancel && (
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
