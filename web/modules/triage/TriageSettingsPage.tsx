import { useQueryClient } from '@tanstack/react-query';
import { TextInput } from 'nhsuk-react-components';
import { type FormEvent, useState } from 'react';
import { useSignedInMe } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { BackLink } from '../../ui/BackLink';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { hasErrors, summaryOf } from '../../ui/form-errors';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import { saveTriageSettings, TRIAGE_SETTINGS_KEY, type TriageSettings, useTriageSettings } from './triage-api';

const FIELDS = [
  { id: 'urgentDays', label: 'Urgent' },
  { id: 'soonDays', label: 'Soon' },
  { id: 'routineDays', label: 'Routine' },
] as const;
const LABELS = Object.fromEntries(FIELDS.map((f) => [f.id, `${f.label} target`]));
const ORDER = FIELDS.map((f) => f.id);

/** The PCN's first-contact targets, in days from triage, for each priority. */
export function TriageSettingsPage() {
  usePageTitle('First-contact targets');
  const { data, error, isPending } = useTriageSettings();
  if (error) return <ServiceProblem error={error} />;
  if (isPending) return <Loading what="the targets" />;
  return <SettingsForm settings={data} />;
}

function SettingsForm({ settings }: { settings: TriageSettings }) {
  const me = useSignedInMe();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const {
    submit: save,
    busy,
    errors,
    setErrors,
  } = useSubmit({
    mutationFn: saveTriageSettings,
    labels: LABELS,
    onSuccess: (next: TriageSettings) => {
      queryClient.setQueryData(TRIAGE_SETTINGS_KEY, next);
      setSaved(true);
    },
  });
  usePageTitle('First-contact targets', hasErrors(errors));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const fields: Record<string, string> = {};
    const values: Record<string, number> = {};
    for (const f of FIELDS) {
      const raw = String(form.get(f.id) ?? '').trim();
      const n = Number(raw);
      if (!raw) fields[f.id] = `Enter the ${f.label.toLowerCase()} target in days`;
      else if (!/^\d+$/.test(raw) || n > 90)
        fields[f.id] = `${f.label} target must be a whole number of days from 0 to 90`;
      else values[f.id] = n;
    }
    if (Object.keys(fields).length === 0) {
      if ((values.soonDays as number) < (values.urgentDays as number)) {
        fields.soonDays = 'Soon target must be at least the urgent target';
      }
      if ((values.routineDays as number) < (values.soonDays as number)) {
        fields.routineDays = 'Routine target must be at least the soon target';
      }
    }
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, form: null });
      setSaved(false);
      return;
    }
    void save(values as Omit<TriageSettings, 'isDefault'>);
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackLink to="/triage">Triage queue</BackLink>
        {saved && <NotificationBanner variant="success" heading="The first-contact targets have been saved" />}
        <ErrorSummary errors={summaryOf(errors, ORDER)} revision={errors} />
        <h1>
          {me.pcn && <span className="nhsuk-caption-l">{me.pcn.name}</span>}
          First-contact targets
        </h1>
        <p>
          How many days after triage the team aims to make first contact, for each priority. They apply to referrals
          triaged from now on.
        </p>
        {settings.isDefault && <p>Your PCN has not set its own targets yet: these are Waymark’s defaults.</p>}
        <form onSubmit={submit} noValidate>
          {FIELDS.map((f) => (
            <TextInput
              key={f.id}
              id={f.id}
              name={f.id}
              label={`${f.label} (days)`}
              inputMode="numeric"
              width={3}
              defaultValue={String(settings[f.id])}
              error={errors.fields[f.id]}
            />
          ))}
          <Button aria-disabled={busy || undefined}>{busy ? 'Saving…' : 'Save targets'}</Button>
        </form>
      </div>
    </div>
  );
}
