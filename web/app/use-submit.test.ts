import { MutationObserver, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { FormErrors } from '../ui/form-errors';
import { NO_ERRORS } from '../ui/form-errors';
import { ApiError } from './api';
import { oneAtATime, type SubmitOptions, submitMutation, submitState, useSubmit } from './use-submit';

function form<I, O>(options: SubmitOptions<I, O>) {
  const state = { errors: NO_ERRORS as FormErrors };
  const observer = new MutationObserver(
    new QueryClient(),
    submitMutation(options, (next) => {
      state.errors = typeof next === 'function' ? next(state.errors) : next;
    }),
  );
  return { state, send: (input: I) => observer.mutate(input).catch(() => undefined), observer };
}

const badEmail = new ApiError(400, {
  type: 'about:blank',
  title: 'Bad Request',
  status: 400,
  code: 'validation',
  detail: 'The request is not valid',
  errors: [{ field: 'email', message: 'is too long' }],
});

describe('submitMutation', () => {
  it("puts the API's field errors beside the fields, in the form's words", async () => {
    const f = form({ mutationFn: () => Promise.reject(badEmail), labels: { email: 'Email address' } });
    await f.send({});
    expect(f.state.errors).toEqual({ fields: { email: 'Email address is too long' }, form: null });
  });

  it('clears the errors and runs onSuccess, staying busy until it ends', async () => {
    const seen: unknown[] = [];
    let busyDuringOnSuccess = false;
    const f = form({
      mutationFn: (n: number) => Promise.resolve(n * 2),
      labels: {},
      onSuccess: async (result: number, input: number) => {
        busyDuringOnSuccess = f.observer.getCurrentResult().isPending;
        seen.push([result, input]);
      },
    });
    f.state.errors = { fields: { email: 'old' }, form: null };
    await f.send(21);
    expect(seen).toEqual([[42, 21]]);
    expect(busyDuringOnSuccess).toBe(true);
    expect(f.state.errors).toEqual(NO_ERRORS);
  });

  it('shows a failure of onSuccess as a form error', async () => {
    const f = form({
      mutationFn: () => Promise.resolve(1),
      labels: {},
      onSuccess: () => Promise.reject(new Error('lost')),
    });
    await f.send({});
    expect(f.state.errors).toEqual({ fields: {}, form: 'Sorry, something went wrong. Try again.' });
  });

  it('hands a 409 to onConflict and leaves the fields alone', async () => {
    const conflicts: string[] = [];
    const stale = new ApiError(409, { ...badEmail.problem, status: 409, detail: 'Changed by someone else' });
    const f = form({ mutationFn: () => Promise.reject(stale), labels: {}, onConflict: (d) => conflicts.push(d) });
    await f.send({});
    expect(conflicts).toEqual(['Changed by someone else']);
    expect(f.state.errors).toEqual(NO_ERRORS);
  });

  it("uses the form's own mapping when it has one", async () => {
    const f = form({
      mutationFn: () => Promise.reject(badEmail),
      labels: {},
      errorsFrom: () => ({ fields: {}, form: 'mapped' }),
    });
    await f.send({});
    expect(f.state.errors.form).toBe('mapped');
  });
});

describe('the failure a page reads (useSubmit().failure)', () => {
  it('is handed to the page with reset, nothing failed yet', () => {
    let seen: ReturnType<typeof useSubmit<unknown, unknown>> | undefined;
    function Page() {
      seen = useSubmit({ mutationFn: () => Promise.resolve(1), labels: {} });
      return null;
    }
    renderToStaticMarkup(createElement(QueryClientProvider, { client: new QueryClient() }, createElement(Page)));
    expect(seen?.failure).toBeNull();
    expect(seen?.reset).toBeTypeOf('function');
  });

  it('is the error as thrown, gone when the next attempt starts and after reset', async () => {
    let answer: () => Promise<number> = () => Promise.reject(badEmail);
    let seenWhileRunning: unknown = 'not run';
    const f = form({
      mutationFn: () => answer(),
      labels: {},
    });
    await f.send({});
    expect(f.observer.getCurrentResult().error).toBe(badEmail);
    answer = () => {
      seenWhileRunning = f.observer.getCurrentResult().error;
      return Promise.resolve(1);
    };
    await f.send({});
    expect(seenWhileRunning).toBeNull();
    answer = () => Promise.reject(badEmail);
    await f.send({});
    f.observer.reset();
    expect(f.observer.getCurrentResult().error).toBeNull();
  });
});

describe('onConflict and submitState', () => {
  it('stays busy until onConflict ends (the page fetches the newer version meanwhile)', async () => {
    const stale = new ApiError(409, { ...badEmail.problem, status: 409, detail: 'Changed by someone else' });
    let busyDuringConflict = false;
    const f = form({
      mutationFn: () => Promise.reject(stale),
      labels: {},
      onConflict: async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        busyDuringConflict = f.observer.getCurrentResult().isPending;
      },
    });
    await f.send({});
    expect(busyDuringConflict).toBe(true);
    expect(f.observer.getCurrentResult().isPending).toBe(false);
  });

  it('names the input being sent while the write runs, and none once it has ended', async () => {
    let finish = () => {};
    const f = form({
      mutationFn: (_id: string) =>
        new Promise<void>((resolve) => {
          finish = resolve;
        }),
      labels: {},
    });
    const sent = f.send('contact-2');
    await Promise.resolve();
    expect(submitState(f.observer.getCurrentResult())).toEqual({ busy: true, sending: 'contact-2' });
    finish();
    await sent;
    expect(f.observer.getCurrentResult().variables).toBe('contact-2');
    expect(submitState(f.observer.getCurrentResult())).toEqual({ busy: false, sending: undefined });
  });
});

describe('oneAtATime', () => {
  it('ignores a second submit while the first runs, and takes the next one after', async () => {
    const calls: number[] = [];
    let finish = () => {};
    const run = oneAtATime((n: number) => {
      calls.push(n);
      return new Promise<void>((resolve) => {
        finish = resolve;
      });
    });
    const first = run(1);
    void run(2);
    finish();
    await first;
    const third = run(3);
    finish();
    await third;
    expect(calls).toEqual([1, 3]);
  });

  it('is free again after a failure', async () => {
    const calls: number[] = [];
    const run = oneAtATime(async (n: number) => {
      calls.push(n);
      throw new Error('no');
    });
    await run(1);
    await run(2);
    expect(calls).toEqual([1, 2]);
  });
});
