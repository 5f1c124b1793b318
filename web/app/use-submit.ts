import { type UseMutationOptions, useMutation } from '@tanstack/react-query';
import { type Dispatch, type SetStateAction, useState } from 'react';
import { errorsFromApi, type FormErrors, NO_ERRORS } from '../ui/form-errors';
import { ApiError } from './api';

// One way for forms to write: busy while the request runs, a second submit ignored, the API's
// problem+json turned into field errors and the form's error (shown beside the fields and in the
// ErrorSummary, which takes focus when `errors` changes: pass it as the summary's `revision`).

export interface SubmitOptions<I, O> {
  /** The API write. */
  mutationFn: (input: I) => Promise<O>;
  /** Field labels by API field name: an error "is too long" on `email` reads "Email address is too long". */
  labels: Record<string, string>;
  /** After a successful write (invalidate, navigate, say so). The form stays busy until it ends. */
  onSuccess?: (result: O, input: I) => unknown;
  /**
   * A 409 (someone else changed the record first) goes here with its detail instead of the form's
   * errors: the page offers to reload rather than blaming a field. The form stays busy until it
   * ends (while it fetches the newer version, say).
   */
  onConflict?: (detail: string) => unknown;
  /** After a failure has been shown (e.g. leave a confirmation step). */
  onError?: (error: unknown) => void;
  /** For a form that maps the API's errors its own way (the default is `errorsFromApi`). */
  errorsFrom?: (error: unknown) => FormErrors;
}

/** The useMutation options of a form's write; apart from the hook so they can be tested without React. */
export function submitMutation<I, O>(
  options: SubmitOptions<I, O>,
  setErrors: Dispatch<SetStateAction<FormErrors>>,
): UseMutationOptions<O, unknown, I> {
  return {
    mutationFn: options.mutationFn,
    onSuccess: async (result, input) => {
      setErrors(NO_ERRORS);
      await options.onSuccess?.(result, input);
    },
    onError: async (error) => {
      if (options.onConflict && error instanceof ApiError && error.status === 409)
        await options.onConflict(error.problem.detail);
      else setErrors(options.errorsFrom ? options.errorsFrom(error) : errorsFromApi(error, options.labels));
      options.onError?.(error);
    },
  };
}

/**
 * What a form shows of its write: busy while it runs, and which input it is sending (a list with a
 * button per row marks only that row's). TanStack keeps the last input after the write ends.
 */
export function submitState<I>(result: { isPending: boolean; variables: I | undefined }) {
  return { busy: result.isPending, sending: result.isPending ? result.variables : undefined };
}

/**
 * `run`, but a call while the last one is still running does nothing: two clicks before the next
 * render (when the busy state would show) still send one request. Failures are the caller's to show.
 */
export function oneAtATime<A>(run: (arg: A) => Promise<unknown>): (arg: A) => Promise<void> {
  let running = false;
  return async (arg) => {
    if (running) return;
    running = true;
    try {
      await run(arg);
    } catch {
      // Shown through the form's errors (onError).
    } finally {
      running = false;
    }
  };
}

export function useSubmit<I, O>(options: SubmitOptions<I, O>) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const mutation = useMutation(submitMutation(options, setErrors));
  // mutateAsync is the observer's bound method: the same function on every render.
  const mutateAsync = mutation.mutateAsync;
  const [submit] = useState(() => oneAtATime((input: I) => mutateAsync(input)));

  return {
    submit,
    ...submitState(mutation),
    errors,
    /** For the form's own checks before anything is sent. */
    setErrors,
    /**
     * The last attempt's failure as thrown (null again as soon as the next attempt starts), for a
     * page that shows failures in different places: a 409 above the form, a 400 beside its fields.
     */
    failure: mutation.error,
    /** Forgets the last failure (the user cancelled, or reloaded after a conflict). */
    reset: mutation.reset,
  };
}
