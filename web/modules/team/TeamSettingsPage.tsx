import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ROLE_LABELS, TEAM_ROLES, type TeamRole } from '../../../common/roles';
import type { Skill, SupervisionTarget, TeamSettings, TrainingRequirement } from '../../../common/team';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxesField, CheckboxField, SelectField, TextField } from '../../ui/FormFields';
import { summaryOf } from '../../ui/form-errors';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import { SETTINGS_KEY, saveTeamSettings, useTeamSettings } from './team-api';

type SkillDraft = Omit<Skill, 'id'> & { id: string | null };
type RequirementDraft = Omit<TrainingRequirement, 'id' | 'validityMonths' | 'sourceUrl'> & {
  id: string | null;
  validityMonths: string;
  sourceUrl: string;
};
type TargetDraft = Omit<SupervisionTarget, 'intervalDays'> & { intervalDays: string };

/** The ICB's team lists (issue 16), kept by an administrator: skills, required training, supervision targets. */
export function TeamSettingsPage() {
  const { data, error } = useTeamSettings();
  const [saved, setSaved] = useState(0);
  usePageTitle('Team skills, training and supervision');
  if (error) return <ServiceProblem error={error} />;
  if (!data) return <Loading what="the team lists" />;
  return <SettingsForm key={saved} settings={data} saved={saved > 0} onSaved={() => setSaved((n) => n + 1)} />;
}

function SettingsForm({ settings, saved, onSaved }: { settings: TeamSettings; saved: boolean; onSaved: () => void }) {
  const queryClient = useQueryClient();
  const [skills, setSkills] = useState<SkillDraft[]>(settings.skills);
  const [requirements, setRequirements] = useState<RequirementDraft[]>(
    settings.requirements.map((r) => ({
      ...r,
      sourceUrl: r.sourceUrl ?? '',
      validityMonths: r.validityMonths === null ? '' : String(r.validityMonths),
    })),
  );
  const [targets, setTargets] = useState<TargetDraft[]>(
    TEAM_ROLES.map((role) => {
      const t = settings.targets.find((x) => x.role === role);
      return { role, intervalDays: t ? String(t.intervalDays) : '', note: t?.note ?? '' };
    }),
  );
  const labels: Record<string, string> = {};
  skills.forEach((_, i) => {
    labels[`skills.${i}.label`] = `Skill ${i + 1}: name`;
    labels[`skills.${i}.reasonCodes`] = `Skill ${i + 1}: reasons`;
  });
  requirements.forEach((_, i) => {
    for (const [k, v] of Object.entries({
      role: 'role',
      title: 'title',
      source: 'source',
      sourceUrl: 'web address',
      validityMonths: 'valid for',
    })) {
      labels[`requirements.${i}.${k}`] = `Training ${i + 1}: ${v}`;
    }
  });
  targets.forEach((t, i) => {
    labels[`targets.${i}.intervalDays`] = `${ROLE_LABELS[t.role]}: supervision every`;
    labels[`targets.${i}.note`] = `${ROLE_LABELS[t.role]}: note`;
  });
  const write = useSubmit({
    mutationFn: saveTeamSettings,
    labels,
    onSuccess: async (next) => {
      queryClient.setQueryData(SETTINGS_KEY, next);
      onSaved();
    },
  });
  const { busy, errors, setErrors } = write;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    targets.forEach((t, i) => {
      if (!/^[0-9]+$/.test(t.intervalDays.trim()))
        fields[`targets.${i}.intervalDays`] = `${labels[`targets.${i}.intervalDays`]} must be a whole number of days`;
    });
    requirements.forEach((r, i) => {
      if (r.validityMonths.trim() !== '' && !/^[0-9]+$/.test(r.validityMonths.trim())) {
        fields[`requirements.${i}.validityMonths`] =
          `Training ${i + 1}: valid for must be a whole number of months, or blank`;
      }
    });
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    void write.submit({
      skills,
      requirements: requirements.map((r) => ({
        ...r,
        sourceUrl: r.sourceUrl.trim() === '' ? null : r.sourceUrl.trim(),
        validityMonths: r.validityMonths.trim() === '' ? null : Number(r.validityMonths),
      })),
      targets: targets.map((t) => ({ ...t, intervalDays: Number(t.intervalDays) })),
    });
  }

  const setSkill = (i: number, change: Partial<SkillDraft>) =>
    setSkills((list) => list.map((s, j) => (j === i ? { ...s, ...change } : s)));
  const setRequirement = (i: number, change: Partial<RequirementDraft>) =>
    setRequirements((list) => list.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const setTarget = (i: number, change: Partial<TargetDraft>) =>
    setTargets((list) => list.map((t, j) => (j === i ? { ...t, ...change } : t)));
  const reasonLabel = new Map(settings.reasons.map((r) => [r.code, r.label]));
  const err = (id: string) => errors.fields[id];

  return (
    <form onSubmit={submit} noValidate>
      {saved && <NotificationBanner variant="success" heading="The team lists were saved" />}
      <h1>Team skills, training and supervision</h1>
      <p>
        These lists belong to your ICB. Nothing is deleted: switch off what is no longer used, so the records that name
        it keep their meaning.
      </p>
      <ErrorSummary errors={summaryOf(errors, Object.keys(labels))} revision={errors} />

      <h2>Skills and specialisms</h2>
      <p>Allocation suggestions prefer a worker with a skill that suits the referral’s reasons.</p>
      {skills.map((s, i) => (
        <fieldset className="nhsuk-fieldset waymark-settings-item" key={s.id ?? `new-${i}`}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
            Skill {i + 1}
            {s.label ? `: ${s.label}` : ''}
          </legend>
          <TextField
            id={`skills.${i}.label`}
            label="Name"
            value={s.label}
            error={err(`skills.${i}.label`)}
            onChange={(label) => setSkill(i, { label })}
          />
          <details className="nhsuk-details">
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">
                Reasons it suits: {s.reasonCodes.map((c) => reasonLabel.get(c) ?? c).join(', ') || 'none'}
              </span>
            </summary>
            <div className="nhsuk-details__text">
              <CheckboxesField
                id={`skills.${i}.reasonCodes`}
                legend="Referral reasons this skill suits"
                small
                error={err(`skills.${i}.reasonCodes`)}
                options={settings.reasons.map((r) => ({ value: r.code, text: r.label }))}
                checked={s.reasonCodes}
                onChange={(reasonCodes) => setSkill(i, { reasonCodes })}
              />
            </div>
          </details>
          <CheckboxField
            id={`skills.${i}.active`}
            label="In use"
            checked={s.active}
            onChange={(active) => setSkill(i, { active })}
          />
        </fieldset>
      ))}
      <Button
        type="button"
        variant="secondary"
        onClick={() => setSkills((list) => [...list, { id: null, label: '', reasonCodes: [], active: true }])}
      >
        Add a skill
      </Button>

      <h2>Training required for each role</h2>
      {requirements.map((r, i) => (
        <fieldset className="nhsuk-fieldset waymark-settings-item" key={r.id ?? `new-${i}`}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
            Training {i + 1}
            {r.title ? `: ${r.title}` : ''}
          </legend>
          <SelectField
            id={`requirements.${i}.role`}
            label="Role"
            value={r.role}
            error={err(`requirements.${i}.role`)}
            options={TEAM_ROLES.map((role) => ({ value: role, text: ROLE_LABELS[role] }))}
            onChange={(role) => setRequirement(i, { role: role as TeamRole })}
          />
          <TextField
            id={`requirements.${i}.title`}
            label="Title"
            value={r.title}
            error={err(`requirements.${i}.title`)}
            onChange={(title) => setRequirement(i, { title })}
          />
          <TextField
            id={`requirements.${i}.source`}
            label="Source"
            hint="Where the requirement comes from"
            value={r.source}
            error={err(`requirements.${i}.source`)}
            onChange={(source) => setRequirement(i, { source })}
          />
          <TextField
            id={`requirements.${i}.sourceUrl`}
            label="Web address of the source (optional)"
            type="url"
            value={r.sourceUrl}
            error={err(`requirements.${i}.sourceUrl`)}
            onChange={(sourceUrl) => setRequirement(i, { sourceUrl })}
          />
          <TextField
            id={`requirements.${i}.validityMonths`}
            label="Valid for (months)"
            hint="Leave blank if it does not need renewing"
            width={4}
            inputMode="numeric"
            value={r.validityMonths}
            error={err(`requirements.${i}.validityMonths`)}
            onChange={(validityMonths) => setRequirement(i, { validityMonths })}
          />
          <CheckboxField
            id={`requirements.${i}.active`}
            label="Required"
            checked={r.active}
            onChange={(active) => setRequirement(i, { active })}
          />
        </fieldset>
      ))}
      <Button
        type="button"
        variant="secondary"
        onClick={() =>
          setRequirements((list) => [
            ...list,
            { id: null, role: 'link_worker', title: '', source: '', sourceUrl: '', validityMonths: '', active: true },
          ])
        }
      >
        Add training
      </Button>

      <h2>How often each role has supervision</h2>
      {targets.map((t, i) => (
        <fieldset className="nhsuk-fieldset waymark-settings-item" key={t.role}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{ROLE_LABELS[t.role]}</legend>
          <TextField
            id={`targets.${i}.intervalDays`}
            label="Supervision every (days)"
            hint="For example, 31 for monthly"
            width={4}
            inputMode="numeric"
            value={t.intervalDays}
            error={err(`targets.${i}.intervalDays`)}
            onChange={(intervalDays) => setTarget(i, { intervalDays })}
          />
          <TextField
            id={`targets.${i}.note`}
            label="Note (optional)"
            value={t.note}
            error={err(`targets.${i}.note`)}
            onChange={(note) => setTarget(i, { note })}
          />
        </fieldset>
      ))}
      <Button aria-disabled={busy || undefined}>{busy ? 'Saving…' : 'Save the lists'}</Button>
    </form>
  );
}
