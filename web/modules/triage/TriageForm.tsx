import { Textarea } from 'nhsuk-react-components';
import { type FormEvent, useState } from 'react';
import type { ReferralView } from '../../../common/api-types';
import type { Complexity, Priority, RecommendableRole } from '../../../common/referrals';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { summaryOf } from '../../ui/form-errors';
import { Radios } from '../../ui/Radios';
import { type TriageDecision, triageReferral, useTriageSettings } from './triage-api';
import { COMPLEXITY_LABELS, PAM_LABELS, PRIORITY_LABELS, PRIORITY_ORDER, ROLE_CHOICES } from './triage-labels';

const LABELS = {
  priority: 'Priority',
  complexity: 'Complexity',
  predictedPam: 'Predicted PAM level',
  signpostingOnly: 'Simple signposting',
  recommendedRole: 'Recommended role',
  notes: 'Notes',
};
const ORDER = Object.keys(LABELS);
const RULES = 'rules';

/** What Waymark's allocation rules make of the answers so far (the server applies the same rules). */
function ruleRole(complexity: string, pam: string, signposting: string): string | null {
  if (!complexity || !pam) return null;
  if (complexity === 'high' || pam === '1' || pam === '2') return 'a health and wellbeing coach';
  if (signposting === 'yes') return 'a care coordinator';
  return 'a link worker';
}

export function TriageForm({
  referral,
  onDone,
  onConflict,
}: {
  referral: ReferralView;
  onDone: (view: ReferralView) => void;
  onConflict: (message: string) => void;
}) {
  // The version this form was opened on: a change by someone else since is refused (409).
  const [version] = useState(referral.version);
  const {
    submit: triage,
    busy,
    errors,
    setErrors,
  } = useSubmit({
    mutationFn: (decision: TriageDecision) => triageReferral(referral.id, decision),
    labels: LABELS,
    onSuccess: onDone,
    onConflict,
  });
  const settings = useTriageSettings().data;
  const [answers, setAnswers] = useState({
    complexity: referral.complexity ?? '',
    predictedPam: referral.predictedPam ? String(referral.predictedPam) : '',
    signpostingOnly: referral.triagedAt ? (referral.signpostingOnly ? 'yes' : 'no') : '',
  });
  const suggestion = ruleRole(answers.complexity, answers.predictedPam, answers.signpostingOnly);
  const days = (p: Priority) => (settings ? settings[`${p}Days` as 'urgentDays' | 'soonDays' | 'routineDays'] : null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '');
    const fields: Record<string, string> = {};
    if (!value('priority')) fields.priority = 'Select a priority';
    if (!value('complexity')) fields.complexity = 'Select how complex the person’s needs look';
    if (!value('predictedPam')) fields.predictedPam = 'Select the PAM level you expect';
    if (!value('signpostingOnly')) fields.signpostingOnly = 'Select whether this is simple signposting';
    if (value('notes').length > 4000) fields.notes = 'Notes must be 4,000 characters or fewer';
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, form: null });
      return;
    }
    const role = value('recommendedRole');
    void triage({
      version,
      priority: value('priority') as Priority,
      complexity: value('complexity') as Complexity,
      predictedPam: Number(value('predictedPam')),
      signpostingOnly: value('signpostingOnly') === 'yes',
      recommendedRole: role && role !== RULES ? (role as RecommendableRole) : null,
      notes: value('notes').trim() || undefined,
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="triage-heading">
      <h2 id="triage-heading">{referral.triagedAt ? 'Change the triage decision' : 'Triage this referral'}</h2>
      <ErrorSummary errors={summaryOf(errors, ORDER)} revision={errors} />
      <Radios
        name="priority"
        legend="Priority"
        hint="Sets the target for first contact, counted from now."
        defaultValue={referral.priority ?? undefined}
        error={errors.fields.priority}
        options={PRIORITY_ORDER.map((p) => ({
          value: p,
          label: PRIORITY_LABELS[p],
          hint: days(p) === null ? undefined : `First contact within ${days(p)} ${days(p) === 1 ? 'day' : 'days'}`,
        }))}
      />
      <Radios
        name="complexity"
        legend="Complexity"
        inline
        defaultValue={referral.complexity ?? undefined}
        error={errors.fields.complexity}
        onChange={(v) => setAnswers((a) => ({ ...a, complexity: v }))}
        options={(['low', 'medium', 'high'] as Complexity[]).map((c) => ({ value: c, label: COMPLEXITY_LABELS[c] }))}
      />
      <Radios
        name="predictedPam"
        legend="Predicted PAM level"
        hint="How activated you expect the person to be: the licensed PAM tool measures it at first contact."
        defaultValue={referral.predictedPam ? String(referral.predictedPam) : undefined}
        error={errors.fields.predictedPam}
        onChange={(v) => setAnswers((a) => ({ ...a, predictedPam: v }))}
        options={[1, 2, 3, 4].map((n) => ({ value: String(n), label: PAM_LABELS[n] as string }))}
      />
      <Radios
        name="signpostingOnly"
        legend="Is this simple signposting to groups or services?"
        inline
        defaultValue={answers.signpostingOnly || undefined}
        error={errors.fields.signpostingOnly}
        onChange={(v) => setAnswers((a) => ({ ...a, signpostingOnly: v }))}
        options={[
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' },
        ]}
      />
      <Radios
        name="recommendedRole"
        legend="Recommended role"
        hint={
          suggestion
            ? `From your answers, Waymark’s rules would give this to ${suggestion}.`
            : 'Waymark’s rules: high complexity or PAM level 1 or 2 to a health and wellbeing coach; simple signposting to a care coordinator; the rest to a link worker.'
        }
        defaultValue={referral.recommendedRole ?? RULES}
        error={errors.fields.recommendedRole}
        options={[
          { value: RULES, label: 'Follow Waymark’s rules' },
          ...ROLE_CHOICES.map((c) => ({ value: c.value, label: c.label, hint: c.hint })),
        ]}
      />
      <Textarea
        id="notes"
        name="notes"
        label="Notes for the team (optional)"
        hint="Seen by the team only, never by the practice."
        rows={4}
        defaultValue={referral.triageNotes ?? ''}
        error={errors.fields.notes}
      />
      <Button aria-disabled={busy || undefined}>{busy ? 'Saving…' : 'Save triage decision'}</Button>
    </form>
  );
}
