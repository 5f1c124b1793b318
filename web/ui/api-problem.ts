import type { Problem } from '../../common/api-types';

/**
 * A failed API answer as the design system sees it. web/app/api's ApiError has this shape; ui
 * checks the shape instead of importing the API client, so ui stays below the app.
 */
export interface ProblemAnswer extends Error {
  readonly status: number;
  readonly problem: Problem;
}

export function isProblemAnswer(error: unknown): error is ProblemAnswer {
  return (
    error instanceof Error &&
    'status' in error &&
    typeof error.status === 'number' &&
    'problem' in error &&
    typeof error.problem === 'object' &&
    error.problem !== null
  );
}
