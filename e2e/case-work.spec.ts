import { expect, test } from './fixtures.js';
import { allocateReceivedReferral } from './support/allocated-case.js';
import { checkPage } from './support/page-checks.js';
import { signedInPage, signIn } from './support/sign-in.js';

// Journey: the link worker records the first contact and a note on the case record → the team
// lead hands the case to the health and wellbeing coach → the coach sees everything recorded and
// discharges → the referring practice reads the message back with its SNOMED CT code.

test('case work: first contact, note, handover keeps history, discharge and the message back to the GP', async ({
  browser,
}) => {
  const lead = await signedInPage(browser, 'team_lead');
  const worker = await signedInPage(browser, 'link_worker');
  const referrer = await signedInPage(browser, 'referrer');

  // Set-up through the API: a referral of the demo practice, triaged and allocated to the worker.
  const item = await allocateReceivedReferral(lead, worker, (i) => i.practice?.id === referrer.me.organisation.id);

  // The worker records an attended contact: the first-contact milestone.
  const w = worker.page;
  // From the caseload to the case record.
  await w.goto('/caseload');
  await w.getByRole('link', { name: `Case record of ${item.person.givenName} ${item.person.familyName}` }).click();
  await expect(w.getByRole('heading', { level: 1, name: /Case record for/ })).toBeVisible();
  await checkPage(w, 'case-record');
  // How to reach the person is beside the form that records contacts.
  await expect(w.getByRole('heading', { level: 2, name: /^How to contact / })).toBeVisible();
  await expect(w.getByText('Preferred contact', { exact: true }).first()).toBeVisible();
  await w.getByRole('button', { name: 'Save contact' }).click();
  await expect(w.getByRole('link', { name: 'Select how the contact took place' })).toBeVisible();
  await w.getByLabel('Face to face').check();
  await w.getByLabel('Notes (optional)').fill('Met at the library. <b>Enjoys</b> gardening.');
  // Saving a case note keeps the half-filled contact form as it is.
  await w.getByRole('textbox', { name: 'Note', exact: true }).fill('Wants to try the community choir.');
  await w.getByRole('button', { name: 'Add note' }).click();
  await expect(w.getByText('Case note added')).toBeVisible();
  await expect(w.getByLabel('Notes (optional)')).toHaveValue('Met at the library. <b>Enjoys</b> gardening.');
  await expect(w.getByLabel('Face to face')).toBeChecked();
  await expect(w.getByRole('textbox', { name: 'Note', exact: true })).toHaveValue('');
  await w.getByLabel('Time', { exact: true }).fill('00:05');
  await w.getByLabel('Duration in minutes').fill('45');
  await w.getByLabel('Attended', { exact: true }).check();
  await w.getByRole('button', { name: 'Save contact' }).click();
  await expect(w.getByText('Contact recorded: face to face, attended')).toBeVisible();
  await expect(w.getByText('First contact made', { exact: true }).first()).toBeVisible();
  // The timeline is one tab of the case record; free text is shown as text, never as HTML.
  await w.getByRole('tab', { name: 'Timeline' }).click();
  await expect(w.getByText('Met at the library. <b>Enjoys</b> gardening.')).toBeVisible();

  // The team lead hands the case over to the coach.
  const l = lead.page;
  // A tab can be linked to: the address opens it.
  await l.goto(`/referrals/${item.id}/case#close`);
  await expect(l.getByRole('tab', { name: 'Discharge or hand over' })).toHaveAttribute('aria-selected', 'true');
  await expect(l.getByRole('heading', { name: 'Hand over the case' })).toBeVisible();
  await checkPage(l, 'case-record-lead');
  await l.getByLabel('New worker').selectOption({ label: 'Aisha Khan (Health and wellbeing coach)' });
  await l.getByRole('textbox', { name: 'Reason' }).fill('Low activation: coaching suits better');
  await l.getByRole('button', { name: 'Hand over' }).click();
  await expect(l.getByText('Case handed over to Aisha Khan. They have been told.')).toBeVisible();

  // The coach sees everything the worker recorded, and discharges.
  const coach = await browser.newContext().then((c) => c.newPage());
  await signIn(coach, 'health_coach');
  await coach.goto(`/referrals/${item.id}/case#timeline`);
  await expect(coach.getByText('Met at the library. <b>Enjoys</b> gardening.')).toBeVisible();
  await expect(coach.getByText('Wants to try the community choir.')).toBeVisible();
  await coach.getByRole('tab', { name: 'Discharge or hand over' }).click();
  await expect(coach.getByRole('link', { name: 'record the discharge outcome measures' })).toBeVisible();
  await coach.getByLabel('Goals met').check();
  await coach.getByLabel('Summary for the GP').fill('Joined the choir; feels less alone.');
  await coach.getByRole('button', { name: 'Discharge and send to the GP' }).click();
  // Going back keeps the answers; nothing was sent.
  await coach.getByRole('button', { name: 'Go back' }).click();
  await expect(coach.getByLabel('Summary for the GP')).toHaveValue('Joined the choir; feels less alone.');
  await coach.getByRole('button', { name: 'Discharge and send to the GP' }).click();
  await coach.getByRole('button', { name: 'Yes, discharge and send to the GP' }).click();
  await expect(coach.getByText(/Discharged. The message back to the GP is ready/)).toBeVisible();
  await checkPage(coach, 'case-record-discharged');

  // The referring practice reads the message back.
  const r = referrer.page;
  await r.goto(`/practice/referrals/${item.id}`);
  await expect(r.getByRole('heading', { name: 'Discharge summary for the GP' })).toBeVisible();
  await expect(r.getByRole('cell', { name: '871731000000106' })).toBeVisible();
  await expect(r.getByText('Joined the choir; feels less alone.')).toBeVisible();
  await checkPage(r, 'practice-referral-discharged');
});
