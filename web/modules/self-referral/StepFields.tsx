import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import type { SelfReferralAnswers } from '../../../common/self-referral';
import { Button } from '../../ui/Button';
import { CheckboxesField, CheckboxField, ErrorMessage, TextAreaField, TextField } from '../../ui/FormFields';
import { QUESTIONS as Q } from './copy';
import { listReasons, searchPractices } from './journey';

// The fields of each question page. Field ids are the API's field names, so the API's errors land
// beside their fields and the error summary links to them.

export interface StepProps {
  answers: SelfReferralAnswers;
  set: (change: Partial<SelfReferralAnswers>) => void;
  errors: Record<string, string>;
  /** The surgery's name, kept beside the answers for the check page. */
  onPracticeName?: (name: string | undefined) => void;
}

/** A page whose one question is a set of radios or checkboxes: the question is the legend and the h1. */
function QuestionFieldset({
  id,
  title,
  hint,
  error,
  asHeading = true,
  children,
}: {
  id: string;
  title: string;
  hint?: string;
  error?: string;
  /** False when the page has its own h1 above (the legend is then a smaller label). */
  asHeading?: boolean;
  children: ReactNode;
}) {
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={described}>
        {asHeading ? (
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--l">
            <h1 className="nhsuk-fieldset__heading">{title}</h1>
          </legend>
        ) : (
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{title}</legend>
        )}
        {hint && (
          <div className="nhsuk-hint" id={`${id}-hint`}>
            {hint}
          </div>
        )}
        <ErrorMessage id={id} error={error} />
        {children}
      </fieldset>
    </div>
  );
}

function RadioItems({
  name,
  value,
  options,
  onChange,
}: {
  name: string;
  value: string | undefined;
  options: { value: string; label: string; hint?: string; extra?: ReactNode }[];
  onChange: (value: string) => void;
}) {
  return (
    <div className="nhsuk-radios">
      {options.map((o, i) => {
        const id = i === 0 ? name : `${name}-${i + 1}`;
        return (
          <div key={o.value}>
            <div className="nhsuk-radios__item">
              <input
                className="nhsuk-radios__input"
                id={id}
                name={name}
                type="radio"
                value={o.value}
                checked={value === o.value}
                aria-describedby={o.hint ? `${id}-item-hint` : undefined}
                onChange={() => onChange(o.value)}
              />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor={id}>
                {o.label}
              </label>
              {o.hint && (
                <div className="nhsuk-hint nhsuk-radios__hint" id={`${id}-item-hint`}>
                  {o.hint}
                </div>
              )}
            </div>
            {o.extra && value === o.value && <div className="nhsuk-radios__conditional">{o.extra}</div>}
          </div>
        );
      })}
    </div>
  );
}

const self = (a: SelfReferralAnswers) => a.forWhom !== 'someone_else';
const text = (v: string | undefined) => v ?? '';

export function WhoStep({ answers, set, errors }: StepProps) {
  return (
    <QuestionFieldset id="forWhom" title={Q.who.title} error={errors.forWhom}>
      <RadioItems
        name="forWhom"
        value={answers.forWhom}
        options={[
          { value: 'self', label: Q.who.self },
          { value: 'someone_else', label: Q.who.someoneElse, hint: Q.who.someoneElseHint },
        ]}
        onChange={(v) => set({ forWhom: v as SelfReferralAnswers['forWhom'] })}
      />
    </QuestionFieldset>
  );
}

export function AboutYouStep({ answers, set, errors }: StepProps) {
  return (
    <>
      <h1>{Q.aboutYou.title}</h1>
      <p>{Q.aboutYou.lede}</p>
      <TextField
        id="onBehalfName"
        label={Q.aboutYou.name}
        autoComplete="name"
        value={text(answers.onBehalfName)}
        error={errors.onBehalfName}
        onChange={(v) => set({ onBehalfName: v })}
      />
      <TextField
        id="onBehalfRelationship"
        label={Q.aboutYou.relationship}
        hint={Q.aboutYou.relationshipHint}
        value={text(answers.onBehalfRelationship)}
        error={errors.onBehalfRelationship}
        onChange={(v) => set({ onBehalfRelationship: v })}
      />
      <p className="nhsuk-body">{Q.aboutYou.contactHint}</p>
      <TextField
        id="onBehalfPhone"
        label={Q.aboutYou.phone}
        type="tel"
        autoComplete="tel"
        width={20}
        value={text(answers.onBehalfPhone)}
        error={errors.onBehalfPhone}
        onChange={(v) => set({ onBehalfPhone: v })}
      />
      <TextField
        id="onBehalfEmail"
        label={Q.aboutYou.email}
        type="email"
        autoComplete="email"
        spellCheck={false}
        value={text(answers.onBehalfEmail)}
        error={errors.onBehalfEmail}
        onChange={(v) => set({ onBehalfEmail: v })}
      />
      <CheckboxField
        id="personAgreed"
        label={Q.aboutYou.agreed}
        checked={answers.personAgreed === true}
        error={errors.personAgreed}
        onChange={(v) => set({ personAgreed: v })}
      />
    </>
  );
}

export function NameStep({ answers, set, errors }: StepProps) {
  return (
    <>
      <h1>{self(answers) ? Q.name.self : Q.name.other}</h1>
      <TextField
        id="givenName"
        label={Q.name.given}
        autoComplete={self(answers) ? 'given-name' : 'off'}
        value={text(answers.givenName)}
        error={errors.givenName}
        onChange={(v) => set({ givenName: v })}
      />
      <TextField
        id="familyName"
        label={Q.name.family}
        autoComplete={self(answers) ? 'family-name' : 'off'}
        value={text(answers.familyName)}
        error={errors.familyName}
        onChange={(v) => set({ familyName: v })}
      />
    </>
  );
}

const PARTS = [
  { key: 'day', label: 'Day', width: 2 },
  { key: 'month', label: 'Month', width: 2 },
  { key: 'year', label: 'Year', width: 4 },
] as const;

/** Day, month and year kept as typed; the answer is YYYY-MM-DD once all three are there. */
export function DateParts({
  id,
  value,
  error,
  onChange,
}: {
  id: string;
  value: string | undefined;
  error?: string;
  onChange: (iso: string) => void;
}) {
  const [y = '', m = '', d = ''] = (value ?? '').split('-');
  const [parts, setParts] = useState({ day: d.replace(/^0/, ''), month: m.replace(/^0/, ''), year: y });
  const change = (key: keyof typeof parts, v: string) => {
    const next = { ...parts, [key]: v.trim() };
    setParts(next);
    const iso =
      next.day || next.month || next.year
        ? `${next.year}-${next.month.padStart(2, '0')}-${next.day.padStart(2, '0')}`
        : '';
    onChange(iso);
  };
  return (
    <div className="nhsuk-date-input">
      {PARTS.map((part) => (
        <div className="nhsuk-date-input__item" key={part.key}>
          <div className="nhsuk-form-group">
            <label
              className="nhsuk-label nhsuk-date-input__label"
              htmlFor={part.key === 'day' ? id : `${id}-${part.key}`}
            >
              {part.label}
            </label>
            <input
              className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${part.width}${error ? ' nhsuk-input--error' : ''}`}
              id={part.key === 'day' ? id : `${id}-${part.key}`}
              type="text"
              inputMode="numeric"
              autoComplete={part.key === 'day' ? 'bday-day' : part.key === 'month' ? 'bday-month' : 'bday-year'}
              value={parts[part.key]}
              onChange={(e) => change(part.key, e.target.value)}
            />
          </div>
        </div>
      ))}
    </div>
  );
}

export function DateOfBirthStep({ answers, set, errors }: StepProps) {
  return (
    <QuestionFieldset
      id="dateOfBirth-fieldset"
      title={self(answers) ? Q.dateOfBirth.self : Q.dateOfBirth.other}
      hint={Q.dateOfBirth.hint}
      error={errors.dateOfBirth}
    >
      <DateParts
        id="dateOfBirth"
        value={answers.dateOfBirth}
        error={errors.dateOfBirth}
        onChange={(v) => set({ dateOfBirth: v })}
      />
    </QuestionFieldset>
  );
}

export function PostcodeStep({ answers, set, errors }: StepProps) {
  return (
    <>
      <h1>{self(answers) ? Q.postcode.self : Q.postcode.other}</h1>
      <TextField
        id="postcode"
        label={Q.postcode.label}
        hint={Q.postcode.hint}
        autoComplete={self(answers) ? 'postal-code' : 'off'}
        width={10}
        value={text(answers.postcode)}
        error={errors.postcode}
        onChange={(v) => set({ postcode: v })}
      />
    </>
  );
}

export function GpStep({ answers, set, errors, onPracticeName }: StepProps) {
  const [words, setWords] = useState(answers.postcode?.split(' ')[0] ?? '');
  const [query, setQuery] = useState(words.trim().length >= 2 ? words.trim() : '');
  const found = useQuery({
    queryKey: ['self-referral', 'practices', query],
    queryFn: () => searchPractices(query),
    enabled: query.length >= 2,
    staleTime: 60_000,
  });
  const practices = found.data?.practices ?? [];
  const choice = answers.practiceUnknown ? 'unknown' : answers.practiceId;
  const choose = (value: string) => {
    if (value === 'unknown') {
      set({ practiceId: undefined, practiceUnknown: true });
      onPracticeName?.(undefined);
    } else {
      set({ practiceId: value, practiceUnknown: false });
      onPracticeName?.(practices.find((p) => p.id === value)?.name);
    }
  };
  return (
    <>
      <h1>{self(answers) ? Q.gp.self : Q.gp.other}</h1>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="practice-search">
          {Q.gp.searchLabel}
        </label>
        <div className="nhsuk-hint" id="practice-search-hint">
          {Q.gp.searchHint}
        </div>
        <input
          className="nhsuk-input nhsuk-input--width-20"
          id="practice-search"
          type="search"
          aria-describedby="practice-search-hint"
          value={words}
          onChange={(e) => setWords(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              setQuery(words.trim());
            }
          }}
        />
        <div className="nhsuk-u-margin-top-3">
          <Button
            type="button"
            variant="secondary"
            className="nhsuk-u-margin-bottom-0"
            onClick={() => setQuery(words.trim())}
          >
            {Q.gp.search}
          </Button>
        </div>
      </div>
      {query.length >= 2 && found.isSuccess && practices.length === 0 && (
        <p className="nhsuk-body" role="status">
          {Q.gp.none}
        </p>
      )}
      <QuestionFieldset
        id="practiceId-fieldset"
        title={Q.gp.results}
        asHeading={false}
        error={errors.practiceId ?? errors.practiceUnknown}
      >
        <RadioItems
          name="practiceId"
          value={choice}
          options={[
            ...practices.map((p) => ({ value: p.id, label: p.name, hint: p.postcode ?? undefined })),
            ...(answers.practiceId && !practices.some((p) => p.id === answers.practiceId)
              ? [{ value: answers.practiceId, label: 'The surgery you chose before' }]
              : []),
            { value: 'unknown', label: Q.gp.unknown, hint: Q.gp.unknownHint },
          ]}
          onChange={choose}
        />
      </QuestionFieldset>
    </>
  );
}

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

/** Each page's fields, by the step's slug (journey.ts). */
export const STEP_FIELDS: Record<string, (props: StepProps) => ReactNode> = {
  who: WhoStep,
  'about-you': AboutYouStep,
  name: NameStep,
  'date-of-birth': DateOfBirthStep,
  postcode: PostcodeStep,
  gp: GpStep,
  contact: ContactStep,
  'contact-times': ContactTimesStep,
  help: HelpStep,
  'access-needs': AccessNeedsStep,
  consent: ConsentStep,
};

/** The page's title for the browser tab: its question. */
export function stepTitle(slug: string, a: SelfReferralAnswers): string {
  const s = self(a);
  const titles: Record<string, string> = {
    who: Q.who.title,
    'about-you': Q.aboutYou.title,
    name: s ? Q.name.self : Q.name.other,
    'date-of-birth': s ? Q.dateOfBirth.self : Q.dateOfBirth.other,
    postcode: s ? Q.postcode.self : Q.postcode.other,
    gp: s ? Q.gp.self : Q.gp.other,
    contact: s ? Q.contact.self : Q.contact.other,
    'contact-times': s ? Q.contactTimes.self : Q.contactTimes.other,
    help: s ? Q.help.self : Q.help.other,
    'access-needs': s ? Q.access.self : Q.access.other,
    consent: Q.consent.title,
  };
  return titles[slug] ?? 'Refer yourself';
}
