import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import {
  REPLY_WORKING_DAYS_MAX,
  REPLY_WORKING_DAYS_MIN,
  type ReferralSettingsInput,
  ReferralSettingsInputSchema,
  type ReferralSettingsView,
} from '../../../common/referral-settings';
import { ApiError } from '../../app/api';
import { NotFoundPage } from '../../app/NotFoundPage';
import { useSubmit } from '../../app/use-submit';
import { BackLink } from '../../ui/BackLink';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/FormFields';
import { type FormErrors, phrase, summaryOf } from '../../ui/form-errors';
import { formatDateTime } from '../../ui/format';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Radios } from '../../ui/Radios';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import {
  referralSettingsKey,
  type SettingsAudience,
  saveReferralSettings,
  useReferralSettings,
} from './referral-settings-api';

const LABELS = {
  takesReferrals: 'Takes referrals through Waymark',
  takesSelfReferrals: 'Takes self-referrals from residents',
  referralEmail: 'Email address for referrals',
  referralMobile: 'Mobile for referrals by text',
  replyWorkingDays: 'Working days to reply',
};
const ORDER = Object.keys(LABELS);
const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

const BACK: Record<SettingsAudience, (serviceId: string) => { to: string; text: string }> = {
  staff: (id) => ({ to: `/directory/services/${encodeURIComponent(id)}`, text: 'Back to the service' }),
  partner: () => ({ to: '/directory/our-listings', text: 'Back to your listings' }),
};

/** Staff (directory reviewers): any service of their ICB. */
export function ServiceReferralSettingsPage() {
  return <ReferralSettingsPage audience="staff" />;
}

/** A partner: one of their own organisation's services. */
export function OurReferralSettingsPage() {
  return <ReferralSettingsPage audience="partner" />;
}

function ReferralSettingsPage({ audience }: { audience: SettingsAudience }) {
  const { serviceId = '' } = useParams();
  const { data, error, isPending } = useReferralSettings(audience, serviceId);
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  usePageTitle(notFound ? 'Page not found' : 'How this service takes referrals');
  if (notFound) return <NotFoundPage />;
  if (error) return <ServiceProblem error={error} />;
  if (isPending) return <Loading what="the service’s referral settings" />;
  return <SettingsForm audience={audience} settings={data} />;
}

interface Draft {
  takesReferrals: boolean;
  takesSelfReferrals: boolean;
  referralEmail: string;
  referralMobile: string;
  replyWorkingDays: string;
}

/** The form's own checks, with the same schema the server applies: nothing is sent that it would refuse. */
function readDraft(draft: Draft): { input: ReferralSettingsInput } | { errors: FormErrors } {
  const days = draft.replyWorkingDays.trim();
  const input = { ...draft, replyWorkingDays: /^\d+$/.test(days) ? Number(days) : days };
  const parsed = ReferralSettingsInputSchema.safeParse(input);
  if (parsed.success) return { input: input as ReferralSettingsInput };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0]) as keyof typeof LABELS;
    fields[field] ??= phrase(LABELS[field], issue.message);
  }
  return { errors: { fields, form: null } };
}

function SettingsForm({ audience, settings }: { audience: SettingsAudience; settings: ReferralSettingsView }) {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const [draft, setDraft] = useState<Draft>({
    takesReferrals: settings.takesReferrals,
    takesSelfReferrals: settings.takesSelfReferrals,
    referralEmail: settings.referralEmail ?? '',
    referralMobile: settings.referralMobile ?? '',
    replyWorkingDays: String(settings.replyWorkingDays),
  });
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const { service } = settings;
  const write = useSubmit({
    mutationFn: (input: ReferralSettingsInput) => saveReferralSettings(audience, service.id, input),
    labels: LABELS,
    onSuccess: async (view) => {
      queryClient.setQueryData(referralSettingsKey(audience, service.id), view);
      // Shown as stored (the address in lower case), so what the form says is what was saved.
      set({
        referralEmail: view.referralEmail ?? '',
        referralMobile: view.referralMobile ?? '',
        replyWorkingDays: String(view.replyWorkingDays),
      });
      setSaved(true);
    },
  });
  const { errors, busy } = write;
  usePageTitle(`How ${service.name} takes referrals`, Object.keys(errors.fields).length > 0);
  const back = BACK[audience](service.id);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const read = readDraft(draft);
    if ('errors' in read) return write.setErrors(read.errors);
    void write.submit(read.input);
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackLink to={back.to}>{back.text}</BackLink>
        <ErrorSummary errors={summaryOf(errors, ORDER)} revision={errors} />
        {saved && <NotificationBanner variant="success" heading={`Referral settings saved for ${service.name}`} />}
        <h1>
          <span className="nhsuk-caption-l">
            {service.name}, run by {service.organisationName}
          </span>
          How this service takes referrals
        </h1>
        <p>
          These settings say how workers can send people to this service through Waymark. They are not shown on the
          public listing.
        </p>
        <p className="nhsuk-body-s">
          {settings.saved && settings.updatedAt
            ? `Last changed ${formatDateTime(settings.updatedAt)}${settings.updatedBy ? ` by ${settings.updatedBy}` : ''}.`
            : 'No settings saved yet: the defaults below apply.'}
        </p>
        <form onSubmit={submit} noValidate>
          <Radios
            name="takesReferrals"
            legend={LABELS.takesReferrals}
            hint="If not, workers can still signpost people to it."
            options={YES_NO}
            defaultValue={settings.takesReferrals ? 'yes' : 'no'}
            error={errors.fields.takesReferrals}
            onChange={(v) => set({ takesReferrals: v === 'yes' })}
            inline
          />
          <Radios
            name="takesSelfReferrals"
            legend={LABELS.takesSelfReferrals}
            options={YES_NO}
            defaultValue={settings.takesSelfReferrals ? 'yes' : 'no'}
            error={errors.fields.takesSelfReferrals}
            onChange={(v) => set({ takesSelfReferrals: v === 'yes' })}
            inline
          />
          <TextField
            id="referralEmail"
            label={`${LABELS.referralEmail} (optional)`}
            hint={
              settings.listingEmail
                ? `Where a secure link to a referral is sent when the organisation has no Waymark accounts. Leave it empty to use the listing’s address, ${settings.listingEmail}.`
                : 'Where a secure link to a referral is sent when the organisation has no Waymark accounts. The listing has no email address, so without one here referrals cannot be sent by link.'
            }
            type="email"
            autoComplete="off"
            spellCheck={false}
            value={draft.referralEmail}
            error={errors.fields.referralEmail}
            onChange={(referralEmail) => set({ referralEmail })}
          />
          <TextField
            id="referralMobile"
            label={`${LABELS.referralMobile} (optional)`}
            hint="For an organisation with no email at all: the secure link and its one-time codes are sent by text message to this mobile. An email address, when there is one, is used instead."
            type="tel"
            autoComplete="off"
            width={20}
            value={draft.referralMobile}
            error={errors.fields.referralMobile}
            onChange={(referralMobile) => set({ referralMobile })}
          />
          <TextField
            id="replyWorkingDays"
            label={LABELS.replyWorkingDays}
            hint={`From ${REPLY_WORKING_DAYS_MIN} to ${REPLY_WORKING_DAYS_MAX}. Weekends and bank holidays in England do not count. If the organisation has not replied by then, the worker is given a task to chase it.`}
            width={2}
            inputMode="numeric"
            value={draft.replyWorkingDays}
            error={errors.fields.replyWorkingDays}
            onChange={(replyWorkingDays) => set({ replyWorkingDays })}
          />
          <Button aria-disabled={busy}>Save referral settings</Button>
        </form>
      </div>
    </div>
  );
}
