import { useQuery } from '@tanstack/react-query';
import { CheckboxesField, CheckboxField, ErrorMessage, TextAreaField, TextField } from '../../ui/FormFields';
import { GROUP as G, QUESTIONS as Q } from './copy';
import { listReasons } from './journey';
import { QuestionFieldset, RadioItems, type StepProps, self, text } from './question-parts';

// The questions about contact and support: how and when, what help, taking part, saying yes.

export function ContactStep({ answers, set, errors }: StepProps) {
  const phone = (label: string) => (
    <TextField
      id="phone"
      label={label}
      type="tel"
      autoComplete={self(answers) ? 'tel' : 'off'}
      width={20}
      value={text(answers.phone)}
      error={errors.phone}
      onChange={(v) => set({ phone: v })}
    />
  );
  return (
    <QuestionFieldset
      id="preferredContact"
      title={self(answers) ? Q.contact.self : Q.contact.other}
      error={errors.preferredContact}
    >
      <RadioItems
        name="preferredContact"
        value={answers.preferredContact}
        options={[
          { value: 'phone', label: Q.contact.phone, extra: phone(Q.contact.phoneLabel) },
          { value: 'text', label: Q.contact.text, extra: phone(Q.contact.mobileLabel) },
          {
            value: 'email',
            label: Q.contact.email,
            extra: (
              <TextField
                id="email"
                label={Q.contact.emailLabel}
                type="email"
                autoComplete={self(answers) ? 'email' : 'off'}
                spellCheck={false}
                value={text(answers.email)}
                error={errors.email}
                onChange={(v) => set({ email: v })}
              />
            ),
          },
          { value: 'letter', label: Q.contact.letter, hint: Q.contact.letterHint },
        ]}
        onChange={(v) => set({ preferredContact: v })}
      />
    </QuestionFieldset>
  );
}

export function ContactTimesStep({ answers, set, errors }: StepProps) {
  return (
    <>
      <h1>{self(answers) ? Q.contactTimes.self : Q.contactTimes.other}</h1>
      <TextAreaField
        id="contactTimes"
        label={Q.contactTimes.label}
        hint={Q.contactTimes.hint}
        rows={3}
        value={text(answers.contactTimes)}
        error={errors.contactTimes}
        onChange={(v) => set({ contactTimes: v })}
      />
    </>
  );
}

export function HelpStep({ answers, set, errors }: StepProps) {
  const reasons = useQuery({ queryKey: ['self-referral', 'reasons'], queryFn: listReasons, staleTime: 300_000 });
  return (
    <>
      <CheckboxesField
        id="reasons"
        legend={self(answers) ? Q.help.self : Q.help.other}
        asPageHeading
        hint={Q.help.hint}
        error={errors.reasons}
        options={(reasons.data?.reasons ?? []).map((r) => ({ value: r.code, text: r.words }))}
        checked={answers.reasons ?? []}
        onChange={(v) => set({ reasons: v })}
      />
      <TextAreaField
        id="details"
        label={Q.help.more}
        hint={Q.help.moreHint}
        rows={4}
        value={text(answers.details)}
        error={errors.details}
        onChange={(v) => set({ details: v })}
      />
    </>
  );
}

export function AccessNeedsStep({ answers, set, errors }: StepProps) {
  return (
    <>
      <h1>{self(answers) ? Q.access.self : Q.access.other}</h1>
      <TextField
        id="language"
        label={Q.access.language}
        width={20}
        value={answers.language ?? 'English'}
        error={errors.language}
        onChange={(v) => set({ language: v })}
      />
      <CheckboxField
        id="interpreterNeeded"
        label={Q.access.interpreter}
        checked={answers.interpreterNeeded === true}
        error={errors.interpreterNeeded}
        onChange={(v) => set({ interpreterNeeded: v })}
      />
      <TextAreaField
        id="accessibilityNeeds"
        label={Q.access.needs}
        hint={Q.access.needsHint}
        rows={3}
        value={text(answers.accessibilityNeeds)}
        error={errors.accessibilityNeeds}
        onChange={(v) => set({ accessibilityNeeds: v })}
      />
    </>
  );
}

export function ConsentStep({ answers, set, errors }: StepProps) {
  const share = answers.consentToShare === undefined ? undefined : answers.consentToShare ? 'yes' : 'no';
  return (
    <>
      <h1>{Q.consent.title}</h1>
      <CheckboxField
        id="consentToReferral"
        label={self(answers) ? Q.consent.referral : Q.consent.referralOther}
        checked={answers.consentToReferral === true}
        error={errors.consentToReferral}
        onChange={(v) => set({ consentToReferral: v })}
      />
      <div className={`nhsuk-form-group${errors.consentToShare ? ' nhsuk-form-group--error' : ''}`}>
        <fieldset className="nhsuk-fieldset" aria-describedby="consentToShare-hint">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
            {self(answers) ? Q.consent.share : Q.consent.shareOther}
          </legend>
          <div className="nhsuk-hint" id="consentToShare-hint">
            {Q.consent.shareHint}
          </div>
          <ErrorMessage id="consentToShare" error={errors.consentToShare} />
          <RadioItems
            name="consentToShare"
            value={share}
            options={[
              { value: 'yes', label: Q.consent.yes },
              { value: 'no', label: Q.consent.no },
            ]}
            onChange={(v) => set({ consentToShare: v === 'yes' })}
          />
        </fieldset>
      </div>
    </>
  );
}

/** Straight to a group: what the person would like the group to know (no reasons list: the group is chosen). */
export function ForTheGroupStep({ answers, set, errors }: StepProps) {
  return (
    <TextAreaField
      id="details"
      label={self(answers) ? G.forGroup.self : G.forGroup.other}
      asPageHeading
      hint={G.forGroup.hint}
      rows={5}
      value={text(answers.details)}
      error={errors.details}
      onChange={(v) => set({ details: v })}
    />
  );
}

/** Straight to a group: the one consent, to send the answers to the group. */
export function ShareWithGroupStep({ answers, set, errors }: StepProps) {
  const share = answers.consentToShare === undefined ? undefined : answers.consentToShare ? 'yes' : 'no';
  return (
    <QuestionFieldset
      id="consentToShare"
      title={self(answers) ? G.share.self : G.share.other}
      hint={G.share.hint}
      error={errors.consentToShare}
    >
      <RadioItems
        name="consentToShare"
        value={share}
        options={[
          { value: 'yes', label: G.share.yes },
          { value: 'no', label: G.share.no },
        ]}
        onChange={(v) => set({ consentToShare: v === 'yes' })}
      />
    </QuestionFieldset>
  );
}
