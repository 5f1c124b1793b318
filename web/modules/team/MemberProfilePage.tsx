import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  FUNDING_KINDS,
  FUNDING_LABELS,
  type FundingKind,
  type TeamMemberProfile,
  WORKING_DAY_LABELS,
  WORKING_DAYS,
  type WorkingDay,
} from '../../../common/team';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { DateInput, readDate } from '../../ui/DateInput';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxesField, SelectField, TextField } from '../../ui/FormFields';
import { summaryOf } from '../../ui/form-errors';
import { formatBand, formatDay, formatFte } from '../../ui/format';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Radios } from '../../ui/Radios';
import { SummaryList } from '../../ui/SummaryList';
import { MemberFrame } from './MemberFrame';
import { DEVELOPMENT_KEY, profileKey, updateProfile } from './team-api';

const LABELS: Record<string, string> = {
  band: 'Band',
  fte: 'Working hours (FTE)',
  workingDays: 'Working days',
  startDate: 'Start date',
  funding: 'Funding',
  fundingNote: 'About the funding',
  languages: 'Languages',
  skillIds: 'Skills and specialisms',
};
const ORDER = Object.keys(LABELS);
const BANDS = ['4', '5', '6', '7', '8a', '8b'];

const list = (items: string[], none = 'None recorded') => (items.length > 0 ? items.join(', ') : none);

/** A team member's profile: what they do, when, how they are funded, and what they bring. */
export function MemberProfilePage() {
  const [saved, setSaved] = useState(false);
  return (
    <MemberFrame section="profile">
      {(p) => (
        <>
          {saved && <NotificationBanner variant="success" heading={`${p.member.name}’s profile was saved`} />}
          <SummaryList
            rows={[
              { key: 'Role', value: p.member.roleLabel },
              { key: 'Agenda for Change band', value: formatBand(p.member.band) },
              { key: 'Working hours (FTE)', value: formatFte(p.member.fte) },
              {
                key: 'Working days',
                value: list(
                  p.workingDays.map((d) => WORKING_DAY_LABELS[d]),
                  'Not recorded',
                ),
              },
              { key: 'Start date', value: p.startDate ? formatDay(p.startDate) : 'Not recorded' },
              {
                key: 'Funding',
                value: p.funding ? (
                  <>
                    {FUNDING_LABELS[p.funding]}
                    {p.fundingNote && <span className="waymark-secondary-text">{p.fundingNote}</span>}
                  </>
                ) : (
                  'Not recorded'
                ),
              },
              { key: 'Languages besides English', value: list(p.member.languages) },
              { key: 'Skills and specialisms', value: list(p.skills.map((s) => s.label)) },
            ]}
          />
          <p className="nhsuk-body-s">
            Allocation suggestions prefer a colleague who speaks the person’s language, then one whose skills suit the
            reasons for referral.
          </p>
          {p.canManage && <ProfileForm key={p.member.version} profile={p} onSaved={() => setSaved(true)} />}
        </>
      )}
    </MemberFrame>
  );
}

function ProfileForm({ profile: p, onSaved }: { profile: TeamMemberProfile; onSaved: () => void }) {
  const queryClient = useQueryClient();
  const [band, setBand] = useState(p.member.band ?? '');
  const [fte, setFte] = useState(p.member.fte === null ? '' : String(p.member.fte));
  const [days, setDays] = useState<string[]>(p.workingDays);
  const [fundingNote, setFundingNote] = useState(p.fundingNote ?? '');
  const [languages, setLanguages] = useState(p.member.languages.join(', '));
  const [skills, setSkills] = useState<string[]>(p.skills.map((s) => s.id));
  const [conflict, setConflict] = useState<string | null>(null);
  const write = useSubmit({
    mutationFn: (body: Parameters<typeof updateProfile>[1]) => updateProfile(p.member.id, body),
    labels: LABELS,
    onSuccess: async (next) => {
      queryClient.setQueryData(profileKey(p.member.id), next);
      await queryClient.invalidateQueries({ queryKey: DEVELOPMENT_KEY });
      onSaved();
    },
    onConflict: setConflict,
  });
  const { busy, errors, setErrors } = write;
  // Skills switched off in the list stay offered to someone who has them, so saving keeps them.
  const options = [...p.skillOptions, ...p.skills.filter((s) => !p.skillOptions.some((o) => o.id === s.id))];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const start = readDate(form, 'startDate', 'Start date');
    const funding = String(form.get('funding') ?? '');
    const fields: Record<string, string> = {};
    const fteValue = fte.trim() === '' ? null : Number(fte);
    if (fteValue !== null && (!Number.isFinite(fteValue) || fteValue <= 0 || fteValue > 1)) {
      fields.fte = 'Working hours (FTE) must be a number more than 0 and at most 1, like 0.8';
    }
    if (start.error) fields.startDate = start.error;
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    void write.submit({
      version: p.member.version,
      band: band === '' ? null : band,
      fte: fteValue,
      workingDays: WORKING_DAYS.filter((d) => days.includes(d)) as WorkingDay[],
      startDate: start.value ?? null,
      funding: funding === '' ? null : (funding as FundingKind),
      fundingNote: fundingNote.trim() === '' ? null : fundingNote.trim(),
      languages: languages
        .split(',')
        .map((l) => l.trim())
        .filter((l) => l !== ''),
      skillIds: skills,
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="change-profile">
      <h2 id="change-profile">Change the profile</h2>
      {conflict && (
        <div className="nhsuk-error-summary" role="alert">
          <h2 className="nhsuk-error-summary__title">The profile changed</h2>
          <div className="nhsuk-error-summary__body">
            <p>{conflict}</p>
          </div>
        </div>
      )}
      <ErrorSummary errors={summaryOf(errors, ORDER, undefined, { startDate: 'startDate-day' })} revision={errors} />
      <SelectField
        id="band"
        label="Agenda for Change band"
        value={band}
        error={errors.fields.band}
        options={[
          { value: '', text: 'Not set' },
          ...BANDS.map((b) => ({ value: b, text: `Band ${b}` })),
          ...(band && !BANDS.includes(band) ? [{ value: band, text: `Band ${band}` }] : []),
        ]}
        onChange={setBand}
      />
      <TextField
        id="fte"
        label="Working hours (FTE)"
        hint="Full time is 1; for example, 3 days a week is 0.6"
        width={4}
        inputMode="text"
        value={fte}
        error={errors.fields.fte}
        onChange={setFte}
      />
      <CheckboxesField
        id="workingDays"
        legend="Working days"
        small
        error={errors.fields.workingDays}
        options={WORKING_DAYS.map((d) => ({ value: d, text: WORKING_DAY_LABELS[d] }))}
        checked={days}
        onChange={setDays}
      />
      <DateInput
        id="startDate"
        legend="Start date in the team"
        hint="For example, 1 4 2025"
        defaultValue={p.startDate ?? undefined}
        error={errors.fields.startDate}
      />
      <Radios
        name="funding"
        legend="Funding"
        error={errors.fields.funding}
        defaultValue={p.funding ?? ''}
        options={[
          ...FUNDING_KINDS.map((f) => ({ value: f, label: FUNDING_LABELS[f] })),
          { value: '', label: 'Not recorded' },
        ]}
      />
      <TextField
        id="fundingNote"
        label="About the funding (optional)"
        hint="For example, the year claimed or the other funder"
        value={fundingNote}
        error={errors.fields.fundingNote}
        onChange={setFundingNote}
      />
      <TextField
        id="languages"
        label="Languages besides English"
        hint="Separate them with commas, for example: Polish, Urdu"
        value={languages}
        error={errors.fields.languages}
        onChange={setLanguages}
      />
      <CheckboxesField
        id="skillIds"
        legend="Skills and specialisms"
        hint="An administrator keeps this list"
        small
        error={errors.fields.skillIds}
        options={options.map((s) => ({ value: s.id, text: s.label }))}
        checked={skills}
        onChange={setSkills}
      />
      <Button aria-disabled={busy || undefined}>{busy ? 'Saving…' : 'Save profile'}</Button>
    </form>
  );
}
