import type { Problem } from '../../common/api-types';
import type { ProblemAnswer } from '../ui/api-problem';

/** An answer from the API that was not 2xx, carrying its RFC 9457 problem details. */
export class ApiError extends Error implements ProblemAnswer {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
  }

  get fieldErrors(): { field: string; message: string }[] {
    return this.problem.errors ?? [];
  }
}

// The CSRF token of the current session. The server rotates the session at sign-in, so the
// token is replaced whenever a fresh `Me` arrives (sign-in answer or /api/auth/me).
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

// Called when a signed-in request comes back 401: the session expired (30 min idle / 12 h).
let sessionEnded: () => void = () => {};
export function onSessionEnded(handler: () => void): () => void {
  sessionEnded = handler;
  return () => {
    if (sessionEnded === handler) sessionEnded = () => {};
  };
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A body sent as it is, with its content type (e.g. an uploaded CSV file), instead of `body`. */
  text?: { contentType: string; body: string };
  signal?: AbortSignal;
  /** 401 is an expected answer here (sign-in steps, "who am I"), not a lost session. */
  unauthorisedIsAnswer?: boolean;
  /** Further request headers (e.g. an Idempotency-Key). */
  headers?: Record<string, string>;
}

function fallbackProblem(status: number, statusText: string): Problem {
  return {
    type: 'about:blank',
    title: statusText || 'Error',
    status,
    code: status >= 500 ? 'internal' : 'unexpected',
    detail:
      status >= 500 || status === 0
        ? 'Sorry, there is a problem with the service. Try again later.'
        : 'Sorry, something went wrong. Try again.',
  };
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { ...options.headers, Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.text) headers['Content-Type'] = options.text.contentType;
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.text ? options.text.body : options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, {
      ...fallbackProblem(0, 'Network error'),
      detail: 'Waymark could not be reached. Check your connection and try again.',
    });
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }

  if (!response.ok) {
    const problem =
      data && typeof data === 'object' && 'detail' in data
        ? (data as Problem)
        : fallbackProblem(response.status, response.statusText);
    if (response.status === 401 && !options.unauthorisedIsAnswer) sessionEnded();
    throw new ApiError(response.status, problem);
  }
  return data as T;
}

/** Builds `?a=1&b=2` from the values that are set. */
export function queryString(params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const s = search.toString();
  return s ? `?${s}` : '';
}
