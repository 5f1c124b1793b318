import { describe, expect, it } from 'vitest';
import { errorsFromApi } from '../ui/form-errors';
import { ApiError } from './api';

// ui may not import the API client, so it recognises the client's errors by their shape.
describe('the API client’s errors, as ui reads them', () => {
  const problem = {
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: 'The request has errors.',
    code: 'validation',
    errors: [
      { field: 'email', message: 'is not an email address' },
      { field: 'colour', message: 'is not a colour' },
    ],
  };

  it('places field errors under their labels and keeps the ones the form does not know', () => {
    expect(errorsFromApi(new ApiError(400, problem), { email: 'Email address' })).toEqual({
      fields: { email: 'Email address is not an email address' },
      form: 'colour: is not a colour',
    });
  });

  it('gives the problem’s detail when there is no field error', () => {
    const conflict = new ApiError(409, {
      ...problem,
      status: 409,
      errors: undefined,
      detail: 'Someone else changed it.',
    });
    expect(errorsFromApi(conflict, {})).toEqual({ fields: {}, form: 'Someone else changed it.' });
  });

  it('does not take any other error for an API answer', () => {
    expect(errorsFromApi(new TypeError('Failed to fetch'), { email: 'Email address' })).toEqual({
      fields: {},
      form: 'Sorry, something went wrong. Try again.',
    });
  });
});
