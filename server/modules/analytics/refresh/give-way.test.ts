import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { giveWay, MAX_REST_MS } from './rebuild.js';

// A run of changed months rests after each PCN as long as the PCN took, at most MAX_REST_MS, and
// a stop (the signal) ends the rest at once.

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Whether the promise has settled once the timers have run for `ms`. */
async function settledAfter(rest: Promise<void>, ms: number): Promise<boolean> {
  let settled = false;
  void rest.then(() => {
    settled = true;
  });
  await vi.advanceTimersByTimeAsync(ms);
  return settled;
}

describe('giveWay', () => {
  it('rests as long as the PCN took', async () => {
    const rest = giveWay(300);
    expect(await settledAfter(rest, 299)).toBe(false);
    expect(await settledAfter(rest, 1)).toBe(true);
  });

  it(`rests ${MAX_REST_MS} ms at most`, async () => {
    const rest = giveWay(10 * MAX_REST_MS);
    expect(await settledAfter(rest, MAX_REST_MS - 1)).toBe(false);
    expect(await settledAfter(rest, 1)).toBe(true);
  });

  it('ends the rest when the run is stopped, and does not start one after', async () => {
    const stopping = new AbortController();
    const rest = giveWay(1500, stopping.signal);
    expect(await settledAfter(rest, 100)).toBe(false);
    stopping.abort();
    expect(await settledAfter(rest, 0)).toBe(true);
    expect(await settledAfter(giveWay(1500, stopping.signal), 0)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
