import { expect, type Page } from '@playwright/test';
import type { Me } from '../../common/api-types.js';

export interface QueueItem {
  id: string;
  version: number;
  status: string;
  practice: { id: string } | null;
  person: { givenName: string; familyName: string };
}

/**
 * Set-up through the API: a received referral of the lead's queue (the first that `pick` accepts),
 * triaged and allocated by the lead to `worker`, so that a journey can start from the case.
 */
export async function allocateReceivedReferral(
  lead: { page: Page; me: Me },
  worker: { me: Me },
  pick: (item: QueueItem) => boolean = () => true,
): Promise<QueueItem> {
  const queue = await (await lead.page.request.get('/api/triage/queue')).json();
  const item = (queue.items as QueueItem[]).find((i) => i.status === 'received' && pick(i));
  expect(item, 'a received referral in the demo queue').toBeTruthy();
  const found = item as QueueItem;
  const headers = { 'x-csrf-token': lead.me.csrfToken };
  const triaged = await lead.page.request.post(`/api/referrals/${found.id}/triage`, {
    headers,
    data: { version: found.version, priority: 'routine', complexity: 'low', predictedPam: 3 },
  });
  expect(triaged.status()).toBe(200);
  const allocated = await lead.page.request.post(`/api/referrals/${found.id}/allocate`, {
    headers,
    data: { version: (await triaged.json()).version, workerId: worker.me.user.id, overrideReason: 'End-to-end test' },
  });
  expect(allocated.status()).toBe(200);
  return found;
}
