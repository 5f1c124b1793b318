import { useQueryClient } from '@tanstack/react-query';
import { TextInput } from 'nhsuk-react-components';
import { type FormEvent, useEffect, useState } from 'react';
import {
  type AnswerOption,
  MEASURE_LABELS,
  MEASURES,
  type Measure,
  ONS4_ITEMS,
  ONS4_SCALE,
  PAM_LEVEL_LABELS,
  PAM_LEVELS,
  PAM_NOTE,
  SWEMWBS_COPYRIGHT,
  SWEMWBS_INTRO,
  SWEMWBS_ITEMS,
  SWEMWBS_SCALE,
  TIMEPOINT_LABELS,
  TIMEPOINTS,
  type Timepoint,
  UCLA3_ITEMS,
  UCLA3_SCALE,
} from '../../../common/outcome-measures';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { DateInput, readDate } from '../../ui/DateInput';
import type { SummaryError } from '../../ui/ErrorSummary';
import { NO_ERRORS, summaryOf } from '../../ui/form-errors';
import { Radios } from '../../ui/Radios';
import { outcomeMeasuresChanged, recordOutcomeMeasure } from './outcomes-api';

interface Item {
  key: string;
  text: string;
}

const ITEMS: Record<Exclude<Measure, 'pam'>, { items: readonly Item[]; scale: AnswerOption[]; inline: boolean }> = {
  ons4: { items: ONS4_ITEMS, scale: ONS4_SCALE, inline: true },
  swemwbs: { items: SWEMWBS_ITEMS, scale: SWEMWBS_SCALE, inline: false },
  ucla3: { items: UCLA3_ITEMS, scale: UCLA3_SCALE, inline: false },
};

type MeasureInput = Parameters<typeof recordOutcomeMeasure>[1];

const field = (key: string) => `answers.${key}`;

function labelsOf(measure: Measure): Record<string, string> {
  const labels: Record<string, string> = {
    measure: 'Measure',
    timepoint: 'Timepoint',
    administeredOn: 'Date answered',
  };
  if (measure === 'pam') {
    labels[field('score')] = 'PAM score';
    labels[field('level')] = 'PAM level';
  } else {
    for (const item of ITEMS[measure].items) labels[field(item.key)] = `“${item.text}”`;
  }
  return labels;
}

function orderOf(measure: Measure): string[] {
  const items = measure === 'pam' ? ['score', 'level'] : ITEMS[measure].items.map((i) => i.key);
  return ['measure', 'timepoint', 'administeredOn', ...items.map(field)];
}

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Record one measure at one timepoint: the exact published wording, one NHS.UK radio group per item. */
export function RecordMeasureForm({
  referralId,
  onRecorded,
  onErrors,
}: {
  referralId: string;
  onRecorded: (what: string) => void;
  /** The page shows the error summary at its top (the NHS.UK pattern). */
  onErrors: (summary: SummaryError[], revision: unknown) => void;
}) {
  const [measure, setMeasure] = useState<Measure | null>(null);
  const [round, setRound] = useState(0);
  const queryClient = useQueryClient();
  const {
    submit: record,
    busy,
    errors,
    setErrors,
  } = useSubmit({
    mutationFn: (input: MeasureInput) => recordOutcomeMeasure(referralId, input),
    labels: labelsOf(measure ?? 'ons4'),
    onSuccess: async (recorded) => {
      await outcomeMeasuresChanged(queryClient, referralId);
      setMeasure(null);
      setRound((n) => n + 1);
      onRecorded(`${TIMEPOINT_LABELS[recorded.timepoint]} ${MEASURE_LABELS[recorded.measure]} recorded`);
    },
  });

  // The page shows the summary (the NHS.UK pattern), in the order of the chosen measure's fields.
  // biome-ignore lint/correctness/useExhaustiveDependencies: it follows the errors only; the page's callback is new on every render
  useEffect(() => {
    onErrors(
      summaryOf(errors, orderOf(measure ?? 'ons4'), undefined, { administeredOn: 'administeredOn-day' }),
      errors,
    );
  }, [errors]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const fields: Record<string, string> = {};
    const timepoint = String(form.get('timepoint') ?? '') as Timepoint;
    if (!measure) fields.measure = 'Select the measure';
    if (!timepoint) fields.timepoint = 'Select the timepoint';
    const date = readDate(form, 'administeredOn', 'Date answered');
    if (date.error) fields.administeredOn = date.error;
    else if (date.value && date.value > todayIso()) fields.administeredOn = 'Date answered must not be in the future';
    const answers: Record<string, number> = {};
    if (measure === 'pam') {
      const score = String(form.get(field('score')) ?? '').trim();
      const level = String(form.get(field('level')) ?? '');
      if (!score) fields[field('score')] = 'Enter the PAM score from the licensed PAM tool';
      else if (!/^\d{1,3}(\.\d)?$/.test(score) || Number(score) > 100) {
        fields[field('score')] = 'PAM score must be 0 to 100, with at most one decimal place';
      } else answers.score = Number(score);
      if (!level) fields[field('level')] = 'Select the PAM level from the licensed PAM tool';
      else answers.level = Number(level);
    } else if (measure) {
      for (const item of ITEMS[measure].items) {
        const value = String(form.get(field(item.key)) ?? '');
        if (!value) fields[field(item.key)] = `Select an answer to “${item.text}”`;
        else answers[item.key] = Number(value);
      }
    }
    if (!measure || Object.keys(fields).length > 0) {
      setErrors({ fields, form: null });
      return;
    }
    void record({ measure, timepoint, administeredOn: date.value, answers });
  }

  return (
    <form key={round} onSubmit={submit} noValidate>
      <h2>Record a measure</h2>
      <Radios
        name="measure"
        legend="Measure"
        error={errors.fields.measure}
        options={MEASURES.map((m) => ({ value: m, label: MEASURE_LABELS[m] }))}
        onChange={(value) => {
          setMeasure(value as Measure);
          setErrors(NO_ERRORS);
        }}
      />
      <Radios
        name="timepoint"
        legend="Timepoint"
        inline
        error={errors.fields.timepoint}
        options={TIMEPOINTS.map((t) => ({ value: t, label: TIMEPOINT_LABELS[t] }))}
      />
      <DateInput
        id="administeredOn"
        legend="Date answered"
        hint="The day the person answered. For example, 12 3 2026"
        defaultValue={todayIso()}
        error={errors.fields.administeredOn}
      />
      {measure && measure !== 'pam' && (
        <div key={measure}>
          <h3>{MEASURE_LABELS[measure]}</h3>
          {measure === 'swemwbs' && (
            <>
              <p>{SWEMWBS_INTRO}</p>
              <p className="waymark-copyright">{SWEMWBS_COPYRIGHT}</p>
            </>
          )}
          {measure === 'ons4' && <p>Each answer is from 0 (not at all) to 10 (completely).</p>}
          {ITEMS[measure].items.map((item) => (
            <Radios
              key={item.key}
              name={field(item.key)}
              legend={item.text}
              inline={ITEMS[measure].inline}
              error={errors.fields[field(item.key)]}
              options={ITEMS[measure].scale.map((o) => ({ value: String(o.value), label: o.label }))}
            />
          ))}
        </div>
      )}
      {measure === 'pam' && (
        <div key="pam">
          <h3>{MEASURE_LABELS.pam}</h3>
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>{PAM_NOTE}</p>
          </div>
          <TextInput
            id={field('score')}
            name={field('score')}
            label="PAM score"
            hint="0 to 100, as the licensed tool gives it (one decimal place at most), for example 58.3"
            width={4}
            inputMode="decimal"
            autoComplete="off"
            error={errors.fields[field('score')]}
          />
          <Radios
            name={field('level')}
            legend="PAM level"
            hint="The level the licensed tool gives"
            error={errors.fields[field('level')]}
            options={PAM_LEVELS.map((l) => ({ value: String(l), label: PAM_LEVEL_LABELS[l] }))}
          />
        </div>
      )}
      <Button aria-disabled={busy || undefined}>{busy ? 'Saving…' : 'Save measure'}</Button>
    </form>
  );
}
