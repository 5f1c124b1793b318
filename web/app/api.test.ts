import { describe, expect, it } from 'vitest';
import type { Problem } from '../../common/api-types';
import { errorsFromApi } from '../ui/form-errors';
import { ApiError } from './api';

const answer = (status: number, detail: string, errors?: Problem['errors']) =>
  new ApiError(status, { type: 'about:blank', title: 'Refused', status, detail, code: 'refused', errors });

// ui may not import the API client, so it recognises the client's errors by their shape.
describe('the API client’s errors, as ui reads them', () => {
  it('places field errors under their labels and keeps the ones the form does not know', () => {
    const refused = answer(400, 'The request has errors.', [
      { field: 'email', message: 'is not an email address' },
      { field: 'colour', message: 'is not a colour' },
    ]);
    expect(errorsFromApi(refused, { email: 'Email address' })).toEqual({
      fields: { email: 'Email address is not an email address' },
      form: 'colour: is not a colour',
    });
  });

  it('gives the problem’s detail when there is no field error', () => {
    expect(errorsFromApi(answer(409, 'Someone else changed it.'), {})).toEqual({
      fields: {},
      form: 'Someone else changed it.',
    });
  });

  it('does not take any other error for an API answer', () => {
    expect(errorsFromApi(new TypeError('Failed to fetch'), { email: 'Email address' })).toEqual({
      fields: {},
      form: 'Sorry, something went wrong. Try again.',
    });
  });
});
