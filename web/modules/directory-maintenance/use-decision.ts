import { type FormEvent, useState } from 'react';
import { ApiError } from '../../app/api';
import { useSubmit } from '../../app/use-submit';

/**
 * A reviewer's decision on a partner's proposal (an edit, or a brand-new listing): approve, or
 * reject with a reason the partner sees. What the page shows of it: the notice after a decision,
 * the reject form's state and its reason's error, and a failure that is not the reason's.
 */
export function useDecision<T>(onDecided: (decided: T) => void) {
  const [notice, setNotice] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const write = useSubmit({
    mutationFn: (decision: { work: () => Promise<T>; done: string }) => decision.work(),
    labels: {},
    onSuccess: (decided, { done }) => {
      onDecided(decided);
      setNotice(done);
      setRejecting(false);
      window.scrollTo(0, 0);
    },
    onError: (e) => {
      // A refused reason is the reason field's problem, not the page's.
      if (e instanceof ApiError && e.status === 400)
        setReasonError(`Reason ${e.fieldErrors.find((f) => f.field === 'reason')?.message ?? e.problem.detail}`);
    },
  });

  const decide = (work: () => Promise<T>, done: string) => void write.submit({ work, done });

  /** The reject form's submit: a reason is needed before anything is sent. */
  const reject = (work: (reason: string) => Promise<T>, done: string, missing: string) => (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError(missing);
      return;
    }
    setReasonError(null);
    decide(() => work(reason), done);
  };

  return {
    notice,
    rejecting,
    setRejecting,
    reason,
    setReason,
    reasonError,
    busy: write.busy,
    failure: write.failure instanceof ApiError && write.failure.status === 400 ? null : write.failure,
    reset: write.reset,
    decide,
    reject,
  };
}
