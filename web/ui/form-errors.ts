import { isProblemAnswer } from './api-problem';
import type { SummaryError } from './ErrorSummary';

/** Errors of one form: by field id (which is also the API's field name), plus one for the whole form. */
export interface FormErrors {
  fields: Record<string, string>;
  form: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, form: null };

export function hasErrors(errors: FormErrors): boolean {
  return errors.form !== null || Object.keys(errors.fields).length > 0;
}

const RELATIVE = /^(is|are|must|should|has|have|needs?|cannot|can't|does|was|already)\b/i;

/** "is too long" about "Email address" reads "Email address is too long". */
export function phrase(label: string, message: string): string {
  const m = message.trim();
  if (RELATIVE.test(m)) return `${label} ${m}`;
  return m.charAt(0).toUpperCase() + m.slice(1);
}

/**
 * Turns an API failure into form errors. Field names the form does not know become form-level
 * errors so nothing the server said is lost.
 */
export function errorsFromApi(error: unknown, labels: Record<string, string>): FormErrors {
  if (!isProblemAnswer(error)) {
    return { fields: {}, form: 'Sorry, something went wrong. Try again.' };
  }
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const { field, message } of error.problem.errors ?? []) {
    const label = labels[field];
    if (label && !fields[field]) fields[field] = phrase(label, message);
    else if (!label) unplaced.push(`${field}: ${message}`);
  }
  const form =
    unplaced.length > 0 ? unplaced.join('; ') : Object.keys(fields).length === 0 ? error.problem.detail : null;
  return { fields, form };
}

/**
 * The error summary list: the form's own error first, then fields in the order they appear.
 * `anchors` names the element to focus when it is not the field's own id (a date's day box).
 */
export function summaryOf(
  errors: FormErrors,
  order: string[],
  formErrorField?: string,
  anchors: Record<string, string> = {},
): SummaryError[] {
  const list: SummaryError[] = [];
  if (errors.form) list.push({ fieldId: formErrorField, message: errors.form });
  for (const id of order) {
    const message = errors.fields[id];
    if (message) list.push({ fieldId: anchors[id] ?? id, message });
  }
  return list;
}
