import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { SelfReferralAnswers } from '../../../common/self-referral';
import { Button } from '../../ui/Button';
import { CheckboxField, TextField } from '../../ui/FormFields';
import { QUESTIONS as Q } from './copy';
import { searchPractices } from './journey';
import { DateParts, QuestionFieldset, RadioItems, type StepProps, self, text } from './question-parts';

// The questions about the person: who, who is asking for them, name, date of birth, postcode, GP surgery.

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
