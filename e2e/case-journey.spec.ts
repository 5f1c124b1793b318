import { randomInt } from 'node:crypto';
import type { Page } from '@playwright/test';
import { SWEMWBS_ITEMS } from '../common/outcome-measures.js';
import { expect, test } from './fixtures.js';
import { checkPage } from './support/page-checks.js';
import { signedInPage } from './support/sign-in.js';

// Journey (issue 4): the link worker records the first contact, a baseline SWEMWBS and a care and
// support plan with two goals, all through the pages → the team lead hands the worker's cases to
// the health and wellbeing coach for cover → the coach, covering, opens the case and sees the same
// plan → the lead hands the cases back → the worker records a review SWEMWBS and discharges → the
// referring practice reads the message back with its SNOMED CT code.
//
// Cover comes BEFORE the discharge: a discharged case leaves every caseload, so only then is the
// coach really covering it (it is on her caseload, the case record names her) when she reads the
// plan. The cases are handed back before the discharge so later test files see the team as seeded.

const SWEMWBS = 'Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS)';
const GOALS = ['Go to the community choir every week', 'Walk to the shops on my own by spring'];

/** A random valid NHS number in the test range (999 …), never the demo data's 999 123 … ones. */
function testNhsNumber(): string {
  for (;;) {
    const nine = `9998${String(randomInt(0, 100_000)).padStart(5, '0')}`;
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return `${nine}${check === 11 ? 0 : check}`;
  }
}

/** Letters only, so the person's name is unique in this database even on a rerun. */
const uniqueSuffix = () => Array.from({ length: 6 }, () => String.fromCharCode(97 + randomInt(0, 26))).join('');

/** Records one SWEMWBS on the measures page: all seven items, each with the given answer. */
async function recordSwemwbs(page: Page, timepoint: 'Baseline' | 'Review', answer: string): Promise<void> {
  await page.getByRole('group', { name: 'Measure', exact: true }).getByLabel(SWEMWBS).check();
  await page.getByRole('group', { name: 'Timepoint', exact: true }).getByLabel(timepoint).check();
  for (const item of SWEMWBS_ITEMS) {
    await page.getByRole('group', { name: item.text, exact: true }).getByLabel(answer, { exact: true }).check();
  }
  await page.getByRole('button', { name: 'Save measure' }).click();
  await expect(page.getByRole('alert').filter({ hasText: `${timepoint} ${SWEMWBS} recorded` })).toBeVisible();
}

test('case journey: first contact, baseline SWEMWBS, a plan with two goals, cover, review, discharge, message back', async ({
  browser,
}) => {
  const referrer = await signedInPage(browser, 'referrer');
  const lead = await signedInPage(browser, 'team_lead');
  const worker = await signedInPage(browser, 'link_worker');
  const coach = await signedInPage(browser, 'health_coach');
  const person = { given: 'Iris', family: `Wayfarer${uniqueSuffix()}` };
  const who = `${person.given} ${person.family}`;

  // Set-up through the API: the practice refers, the lead triages and allocates to the link worker.
  const referred = await referrer.page.request.post('/api/referrals', {
    headers: { 'x-csrf-token': referrer.me.csrfToken, 'idempotency-key': crypto.randomUUID() },
    data: {
      person: {
        nhsNumber: testNhsNumber(),
        givenName: person.given,
        familyName: person.family,
        dateOfBirth: '1948-03-09',
        postcode: 'ls1 4ap',
        phone: '01632 960 002',
        preferredContact: 'phone',
      },
      source: 'practice',
      reasons: ['loneliness'],
      urgencyRequested: 'routine',
      consentToReferral: true,
      consentToShare: true,
    },
  });
  expect(referred.status(), await referred.text()).toBe(201);
  const referralId = ((await referred.json()) as { id: string }).id;
  const leadHeaders = { 'x-csrf-token': lead.me.csrfToken };
  const current = await (await lead.page.request.get(`/api/referrals/${referralId}`)).json();
  const triaged = await lead.page.request.post(`/api/referrals/${referralId}/triage`, {
    headers: leadHeaders,
    data: { version: current.version, priority: 'routine', complexity: 'low', predictedPam: 3 },
  });
  expect(triaged.status(), await triaged.text()).toBe(200);
  const allocated = await lead.page.request.post(`/api/referrals/${referralId}/allocate`, {
    headers: leadHeaders,
    data: { version: (await triaged.json()).version, workerId: worker.me.user.id, overrideReason: 'End-to-end test' },
  });
  expect(allocated.status(), await allocated.text()).toBe(200);

  // The worker opens the case from their caseload and records the first contact: attended.
  const w = worker.page;
  await w.goto('/caseload');
  await w.getByRole('link', { name: `Case record of ${who}` }).click();
  await expect(w.getByRole('heading', { level: 1, name: `Case record for ${who}` })).toBeVisible();
  await checkPage(w, 'case-journey-case-record');
  await w.getByLabel('Time', { exact: true }).fill('00:00');
  await w.getByLabel('Phone', { exact: true }).check();
  await w.getByLabel('Duration in minutes').fill('30');
  await w.getByLabel('Attended', { exact: true }).check();
  await w.getByLabel('Notes (optional)').fill('Talked about what matters to her: singing, getting out more.');
  await w.getByRole('button', { name: 'Save contact' }).click();
  await expect(w.getByText('Contact recorded: phone, attended')).toBeVisible();
  await expect(w.getByText('First contact made', { exact: true })).toBeVisible();

  // The worker books the next contact (a video call at 10:30 on a later day, UK time like the
  // browser; 36 hours ahead is always a later UK date): it shows on the caseload as the next contact.
  const laterDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(Date.now() + 36 * 3_600_000),
  );
  const [year, month, day] = laterDay.split('-') as [string, string, string];
  await w.getByText('Book a contact', { exact: true }).click();
  const booking = w.getByRole('form', { name: 'Book a contact' });
  await booking.getByLabel('Day', { exact: true }).fill(String(Number(day)));
  await booking.getByLabel('Month', { exact: true }).fill(String(Number(month)));
  await booking.getByLabel('Year', { exact: true }).fill(year);
  await booking.getByLabel('Time', { exact: true }).fill('10:30');
  await booking.getByLabel('Video', { exact: true }).check();
  await booking.getByLabel('Purpose (optional)').fill('Look at the community choir’s timetable together.');
  await booking.getByRole('button', { name: 'Book the contact' }).click();
  await expect(w.getByRole('alert').filter({ hasText: 'Contact booked for' })).toContainText(': video');
  await expect(w.getByRole('region', { name: 'Next planned contact' })).toContainText('10:30, Video');
  await w.goto('/caseload');
  const workerRow = w.getByRole('row', { name: new RegExp(who) });
  const nextContactCell = workerRow.getByRole('cell').filter({ hasText: 'Video' });
  await expect(nextContactCell).toContainText('10:30');
  await expect(workerRow).not.toContainText('None booked');
  await checkPage(w, 'case-journey-caseload-next-contact');
  await w.goto(`/referrals/${referralId}/case`);
  await expect(w.getByRole('heading', { level: 1, name: `Case record for ${who}` })).toBeVisible();

  // Baseline SWEMWBS, all seven items, on the outcome measures page.
  await w.getByRole('link', { name: 'Outcome measures', exact: true }).click();
  await expect(w.getByRole('heading', { level: 1, name: /Outcome measures/ })).toBeVisible();
  await expect(w.getByText('No measures have been recorded for this case yet.')).toBeVisible();
  await checkPage(w, 'case-journey-measures-empty');
  await recordSwemwbs(w, 'Baseline', 'Some of the time');
  await expect(w.getByRole('heading', { level: 2, name: SWEMWBS })).toBeVisible();
  await checkPage(w, 'case-journey-measures-baseline');

  // The care and support plan with two goals, from the case record's link.
  await w.goto(`/referrals/${referralId}/case`);
  await w.getByRole('link', { name: 'Care and support plan', exact: true }).click();
  await expect(w.getByRole('heading', { level: 1, name: 'Care and support plan' })).toBeVisible();
  await expect(w.getByText('No plan has been saved yet.', { exact: false })).toBeVisible();
  const planPath = new URL(w.url()).pathname;
  expect(planPath).toMatch(/^\/people\/[^/]+\/plan$/);
  await checkPage(w, 'case-journey-plan-empty');
  await w.getByLabel('What matters to me', { exact: true }).fill('Singing again, and not feeling so alone.');
  for (const [i, text] of GOALS.entries()) {
    await w.getByRole('button', { name: 'Add a goal' }).click();
    await w.getByLabel(`Goal ${i + 1}`, { exact: true }).fill(text);
    const target = w.getByRole('group', { name: `Target date for goal ${i + 1}` });
    await target.getByLabel('Day').fill('1');
    await target.getByLabel('Month').fill(String(3 + i));
    await target.getByLabel('Year').fill(String(new Date().getFullYear() + 1));
  }
  await w.getByRole('button', { name: 'Save plan' }).click();
  await expect(w.getByRole('alert').filter({ hasText: 'Plan saved as version 1' })).toBeVisible();
  await expect(w.getByText(/^Version 1, saved by Tom Okafor/)).toBeVisible();
  await checkPage(w, 'case-journey-plan-saved');

  // The team lead hands the worker's open cases to the coach for cover.
  const l = lead.page;
  await l.goto('/team/leave');
  await expect(l.getByRole('heading', { level: 1, name: /Leave and cover/ })).toBeVisible();
  await l
    .getByLabel(/^Hand Tom Okafor’s \d+ cases? to$/)
    .selectOption({ label: 'Aisha Khan (health and wellbeing coach)' });
  await l.getByRole('button', { name: 'Hand over Tom Okafor’s cases' }).click();
  await expect(l.getByRole('status')).toHaveText(/^\d+ cases? handed from Tom Okafor to Aisha Khan$/);

  // The coach, covering, finds the case on her caseload and sees the same plan: both goals.
  const c = coach.page;
  await c.goto('/caseload');
  const caseRow = c.getByRole('row', { name: new RegExp(who) });
  await expect(caseRow).toContainText('Cover for Tom Okafor');
  await caseRow.getByRole('link', { name: `Case record of ${who}` }).click();
  await expect(c.getByRole('heading', { level: 1, name: `Case record for ${who}` })).toBeVisible();
  await expect(c.getByText('covered by Aisha Khan', { exact: false })).toBeVisible();
  await c.getByRole('link', { name: 'Care and support plan', exact: true }).first().click();
  await expect(c.getByRole('heading', { level: 1, name: 'Care and support plan' })).toBeVisible();
  expect(new URL(c.url()).pathname).toBe(planPath);
  await expect(c.getByText(/^Version 1, saved by Tom Okafor/)).toBeVisible();
  await expect(c.getByLabel('What matters to me', { exact: true })).toHaveValue(
    'Singing again, and not feeling so alone.',
  );
  for (const [i, text] of GOALS.entries()) {
    await expect(c.getByLabel(`Goal ${i + 1}`, { exact: true })).toHaveValue(text);
  }
  await expect(c.getByLabel('Goal 3', { exact: true })).toHaveCount(0);
  await checkPage(c, 'case-journey-plan-coach');

  // The worker is back: the lead hands the cases back.
  await l.getByRole('button', { name: 'Hand back to Tom Okafor' }).click();
  await expect(l.getByRole('status')).toHaveText(/^\d+ cases? handed back to Tom Okafor$/);

  // The worker records the review SWEMWBS: the page shows the change from baseline.
  await w.goto(`/referrals/${referralId}/measures`);
  await expect(w.getByRole('heading', { level: 1, name: /Outcome measures/ })).toBeVisible();
  await recordSwemwbs(w, 'Review', 'Often');
  await expect(w.getByRole('heading', { name: 'Change from baseline to latest' })).toBeVisible();
  await expect(w.getByRole('listitem').filter({ hasText: /19\.25 to 25\.03 \(\+5\.78, better\)/ })).toHaveCount(1);
  await checkPage(w, 'case-journey-measures-review');

  // … and discharges, with a reason and a summary.
  await w.goto(`/referrals/${referralId}/case`);
  await expect(w.getByRole('heading', { level: 1, name: `Case record for ${who}` })).toBeVisible();
  await w.getByRole('tab', { name: 'Discharge or hand over' }).click();
  await w.getByLabel('Goals met').check();
  await w.getByLabel('Summary for the GP').fill('Sings with the community choir every week; feels less alone.');
  await w.getByRole('button', { name: 'Discharge and send to the GP' }).click();
  // Nothing is sent until the worker confirms, told what the discharge closes and cancels.
  const check = w.getByRole('region', { name: `Important: Discharge ${who}?` });
  await expect(check).toContainText('Discharging cannot be undone');
  await expect(check).toContainText(
    /cancel (this booked contact|these \d+ booked contacts|nothing: no contacts are booked)/,
  );
  await checkPage(w, 'case-journey-discharge-check');
  await check.getByRole('button', { name: 'Yes, discharge and send to the GP' }).click();
  await expect(w.getByText(/Discharged. The message back to the GP is ready/)).toBeVisible();
  await expect(w.getByRole('heading', { name: 'Discharge summary for the GP' })).toBeVisible();
  await checkPage(w, 'case-journey-case-discharged');

  // The referring practice reads the message back on the referral's status page.
  const r = referrer.page;
  await r.goto(`/practice/referrals/${referralId}`);
  await expect(r.getByRole('heading', { level: 1, name: `Referral for ${who}` })).toBeVisible();
  await expect(r.getByRole('heading', { name: 'Discharge summary for the GP' })).toBeVisible();
  await expect(r.getByRole('cell', { name: '871731000000106', exact: true })).toBeVisible();
  await expect(r.getByText('Sings with the community choir every week; feels less alone.')).toBeVisible();
  // All seven answered "Some of the time" (raw 21) then "Often" (raw 28): 19.25 and 25.03 by the official table.
  await expect(r.getByText(`${SWEMWBS}: 19.25 to 25.03 (improved)`)).toBeVisible();
  await checkPage(r, 'case-journey-practice-message-back');
});
