import { expect, test } from './fixtures.js';
import { allocateReceivedReferral } from './support/allocated-case.js';
import { checkPage } from './support/page-checks.js';
import { signedInPage } from './support/sign-in.js';

// Journey (issue 12, done when): the link worker makes first contact and refers the person to the
// demo walking group (run by the demo partner's organisation) with their consent → the partner
// accepts it in the inbox and records two attendances → the worker sees both on the case
// timeline → the worker discharges, and the message back to the GP lists the onward referral.

const SERVICE = 'Connect Walk and Talk';

test('closing the loop: refer to the walking group, the partner accepts and records attendance, the GP hears of it', async ({
  browser,
}) => {
  test.setTimeout(480_000);
  const lead = await signedInPage(browser, 'team_lead');
  const worker = await signedInPage(browser, 'link_worker');
  const partner = await signedInPage(browser, 'vcs_partner');
  const item = await allocateReceivedReferral(lead, worker);
  const who = `${item.person.givenName} ${item.person.familyName}`;

  // The worker makes first contact on the case record …
  const w = worker.page;
  await w.goto(`/referrals/${item.id}/case`);
  await expect(w.getByRole('heading', { level: 1, name: `Case record for ${who}` })).toBeVisible();
  await w.getByLabel('Time', { exact: true }).fill('00:00');
  await w.getByLabel('Phone', { exact: true }).check();
  await w.getByLabel('Duration in minutes').fill('20');
  await w.getByLabel('Attended', { exact: true }).check();
  await w.getByRole('button', { name: 'Save contact' }).click();
  await expect(w.getByText('First contact made', { exact: true })).toBeVisible();

  // … finds the walking group and refers with consent.
  await w.getByRole('link', { name: 'Find a service to refer or signpost to' }).click();
  await w.getByLabel('What are you looking for').fill('walk and talk');
  await w.getByLabel('Within (miles)').fill('100');
  await w.getByRole('button', { name: 'Search' }).click();
  await w.getByRole('link', { name: SERVICE }).click();
  await expect(w.getByRole('heading', { level: 1, name: SERVICE })).toBeVisible();
  await w.getByLabel('Refer', { exact: true }).check();
  await w.getByLabel(new RegExp(`^${who} agrees to share the details below with`)).check();
  await w.getByLabel('Note to the service').fill('Keen to start this week.');
  await w.getByRole('button', { name: 'Send referral' }).click();
  await expect(w.getByRole('alert')).toContainText(`Referred to ${SERVICE}`);
  await expect(w.getByRole('row', { name: new RegExp(SERVICE) })).toContainText('Waiting for reply');
  await checkPage(w, 'loop-1-referred');

  // The partner finds it under New, accepts it and records two attendances.
  const p = partner.page;
  await p.goto('/partner/referrals');
  await expect(p.getByRole('heading', { level: 1, name: 'Referrals to your organisation' })).toBeVisible();
  await p
    .getByRole('link', { name: new RegExp(who) })
    .first()
    .click();
  await expect(p.getByRole('heading', { level: 1, name: `Referral for ${who}` })).toBeVisible();
  await expect(p.getByText('Keen to start this week.')).toBeVisible();
  // Never the NHS number, notes or measures: only what the worker chose to share.
  await expect(p.getByText(/NHS number/)).toHaveCount(0);
  await p.getByLabel('Note to the team (optional)', { exact: true }).fill('First walk is Monday at 10.');
  await p.getByRole('button', { name: 'Accept referral' }).click();
  await expect(p.getByText('Referral accepted. The team has been told.')).toBeVisible();
  for (const _ of [1, 2]) {
    await p.getByLabel('Attended', { exact: true }).check();
    await p.getByRole('button', { name: 'Record attendance' }).click();
    await expect(p.getByText('Attendance recorded: 1 session.')).toBeVisible();
  }
  await expect(p.getByText('2 sessions attended.')).toBeVisible();
  await checkPage(p, 'loop-2-partner-attendance');

  // The worker sees the answer and both attendances on the timeline.
  await w.goto(`/referrals/${item.id}/case`);
  await expect(w.getByRole('row', { name: new RegExp(SERVICE) })).toContainText('2 sessions attended');
  await w.getByRole('tab', { name: 'Timeline' }).click();
  await expect(w.getByRole('heading', { level: 3, name: `${SERVICE} accepted the referral` })).toBeVisible();
  await expect(w.getByText('First walk is Monday at 10.')).toBeVisible();
  await expect(w.getByRole('heading', { level: 3, name: `${SERVICE}: attended` })).toHaveCount(2);
  await checkPage(w, 'loop-3-timeline');

  // Discharge: the message back to the GP lists the onward referral and where it stands.
  await w.getByRole('tab', { name: 'Discharge or hand over' }).click();
  await w.getByLabel('Goals met').check();
  await w.getByLabel('Summary for the GP').fill('Walks with the Connect group every week.');
  await w.getByRole('button', { name: 'Discharge and send to the GP' }).click();
  await w
    .getByRole('region', { name: `Important: Discharge ${who}?` })
    .getByRole('button', { name: 'Yes, discharge and send to the GP' })
    .click();
  await expect(w.getByRole('heading', { name: 'Discharge summary for the GP' })).toBeVisible();
  await expect(w.getByRole('listitem').filter({ hasText: SERVICE })).toContainText('Accepted');
  await checkPage(w, 'loop-4-gp-message');
});
