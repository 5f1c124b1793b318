import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { COMPLEXITIES, COMPLEXITY_LABELS, PLANNED_ROLE_LABELS, PLANNED_ROLES } from '../../../common/workforce-planner';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { ErrorMessage, SelectField, TextField } from '../../ui/FormFields';
import { summaryOf } from '../../ui/form-errors';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { SummaryList } from '../../ui/SummaryList';
import { usePageTitle } from '../../ui/use-page-title';
import { PlanResults } from './PlanResults';
import {
  calculatePlan,
  figure,
  type PlannerBaseline,
  type PlannerInputs,
  type PlannerResult,
  pounds,
  SCENARIOS_KEY,
  saveScenario,
  useBaseline as useBaselineQuery,
} from './planner-api';
import { ScenarioList } from './ScenarioList';
import './planner.css';

// The workforce planner (issue 16, point 6): what the data says, the planner's assumptions (every
// one editable, starting from the data), the plan worked out, and named scenarios kept.

type Draft = Record<string, string>;

const mixField = (role: string, c: string) => `inputs.mix.${role}.${c}`;
const NUMBER_FIELDS: [string, string][] = [
  ['inputs.referralsPerMonth', 'Referrals a month today'],
  ['inputs.changePercent', 'Change in referrals'],
  ['inputs.acceptedPercent', 'Referrals that become cases'],
  ...PLANNED_ROLES.flatMap((r) =>
    COMPLEXITIES.map((c): [string, string] => [mixField(r, c), `${PLANNED_ROLE_LABELS[r]} cases of ${c} complexity`]),
  ),
  ...COMPLEXITIES.map((c): [string, string] => [`inputs.contactsPerCase.${c}`, `Contacts per ${c} complexity case`]),
  ['inputs.contactsPerMonth', 'Contacts a month per open case'],
  ...PLANNED_ROLES.map((r): [string, string] => [
    `inputs.caseloadPerWte.${r}`,
    `${PLANNED_ROLE_LABELS[r]} caseload per WTE`,
  ]),
];
const LABELS: Record<string, string> = {
  ...Object.fromEntries(NUMBER_FIELDS),
  'inputs.year': 'Pay year',
  'inputs.mix': 'Case mix',
  ...Object.fromEntries(PLANNED_ROLES.map((r) => [`inputs.payPoint.${r}`, `${PLANNED_ROLE_LABELS[r]} pay point`])),
  name: 'Scenario name',
};
const ORDER = [
  'inputs.year',
  ...NUMBER_FIELDS.slice(0, 3).map(([f]) => f),
  'inputs.mix',
  ...NUMBER_FIELDS.slice(3).map(([f]) => f),
  ...PLANNED_ROLES.map((r) => `inputs.payPoint.${r}`),
];
const ANCHORS = { 'inputs.mix': mixField('link_worker', 'low') };

function draftOf(inputs: PlannerInputs): Draft {
  const d: Draft = {
    'inputs.year': inputs.year,
    'inputs.referralsPerMonth': String(inputs.referralsPerMonth),
    'inputs.changePercent': String(inputs.changePercent),
    'inputs.acceptedPercent': String(inputs.acceptedPercent),
    'inputs.contactsPerMonth': String(inputs.contactsPerMonth),
  };
  for (const r of PLANNED_ROLES) {
    for (const c of COMPLEXITIES) d[mixField(r, c)] = String(inputs.mix[r][c]);
    d[`inputs.caseloadPerWte.${r}`] = String(inputs.caseloadPerWte[r]);
    d[`inputs.payPoint.${r}`] = inputs.payPoint[r];
  }
  for (const c of COMPLEXITIES) d[`inputs.contactsPerCase.${c}`] = String(inputs.contactsPerCase[c]);
  return d;
}

/** The draft as inputs, or the fields that are not numbers. */
function inputsOf(d: Draft): { inputs: PlannerInputs | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const num = (field: string) => {
    const text = (d[field] ?? '').trim().replace(/,/g, '').replace(/%$/, '').replace(/^\+/, '');
    const n = Number(text);
    if (text === '' || !Number.isFinite(n)) errors[field] = `Enter ${LABELS[field]?.toLowerCase()} as a number`;
    return n;
  };
  const perComplexity = (f: (c: string) => string) =>
    Object.fromEntries(COMPLEXITIES.map((c) => [c, num(f(c))])) as Record<(typeof COMPLEXITIES)[number], number>;
  const perRole = <T,>(f: (r: (typeof PLANNED_ROLES)[number]) => T) =>
    Object.fromEntries(PLANNED_ROLES.map((r) => [r, f(r)])) as Record<(typeof PLANNED_ROLES)[number], T>;
  const inputs: PlannerInputs = {
    year: d['inputs.year'] ?? '',
    referralsPerMonth: num('inputs.referralsPerMonth'),
    changePercent: num('inputs.changePercent'),
    acceptedPercent: num('inputs.acceptedPercent'),
    mix: perRole((r) => perComplexity((c) => mixField(r, c))),
    contactsPerCase: perComplexity((c) => `inputs.contactsPerCase.${c}`),
    contactsPerMonth: num('inputs.contactsPerMonth'),
    caseloadPerWte: perRole((r) => num(`inputs.caseloadPerWte.${r}`)),
    payPoint: perRole((r) => d[`inputs.payPoint.${r}`] ?? ''),
  };
  return { inputs: Object.keys(errors).length ? null : inputs, errors };
}

function NumberField(props: {
  id: string;
  label: string;
  hint?: string;
  suffix?: string;
  draft: Draft;
  errors: Record<string, string>;
  set: (id: string, value: string) => void;
  hiddenLabel?: boolean;
}) {
  const error = props.errors[props.id];
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className={`nhsuk-label${props.hiddenLabel ? ' nhsuk-u-visually-hidden' : ''}`} htmlFor={props.id}>
        {props.label}
      </label>
      {props.hint && (
        <div className="nhsuk-hint" id={hintId}>
          {props.hint}
        </div>
      )}
      <ErrorMessage id={props.id} error={error} />
      <div className="nhsuk-input-wrapper">
        <input
          className={`nhsuk-input nhsuk-input--width-5${error ? ' nhsuk-input--error' : ''}`}
          id={props.id}
          inputMode="decimal"
          spellCheck={false}
          value={props.draft[props.id] ?? ''}
          aria-describedby={[hintId, error && `${props.id}-error`].filter(Boolean).join(' ') || undefined}
          onChange={(e) => props.set(props.id, e.target.value)}
        />
        {props.suffix && (
          <div className="nhsuk-input__suffix" aria-hidden="true">
            {props.suffix}
          </div>
        )}
      </div>
    </div>
  );
}

const TEAM_COLUMNS: DataColumn<PlannerBaseline['team'][number]>[] = [
  { header: 'Role', cell: (t) => t.label },
  { header: 'People', numeric: true, cell: (t) => t.people },
  { header: 'WTE in post', numeric: true, cell: (t) => figure(t.wte) },
  {
    header: 'Caseload per WTE',
    headerNote: 'open cases a full-time worker carries',
    numeric: true,
    cell: (t) => figure(t.caseloadPerWte),
  },
];

function monthName(month: string): string {
  const [y, m] = month.split('-');
  return new Date(Date.UTC(Number(y), Number(m) - 1, 1)).toLocaleDateString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

export function PlannerPage() {
  const [search, setSearch] = useSearchParams();
  const pcnId = search.get('pcnId');
  const { data: baseline, error, isPending } = useBaselineQuery(pcnId);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [result, setResult] = useState<{ result: PlannerResult; title: string } | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const queryClient = useQueryClient();

  useEffect(() => {
    if (baseline) {
      setDraft(draftOf(baseline.defaults));
      setResult(null);
    }
  }, [baseline]);

  const work = useSubmit({
    mutationFn: calculatePlan,
    labels: LABELS,
    onSuccess: (r) => {
      setResult({ result: r, title: 'The plan' });
      setSaved(null);
      setFocusKey((k) => k + 1);
    },
  });
  const save = useSubmit({
    mutationFn: saveScenario,
    labels: LABELS,
    onSuccess: async (s) => {
      setResult({ result: s.result, title: `The plan: ${s.name}` });
      setSaved(s.name);
      setName('');
      await queryClient.invalidateQueries({ queryKey: SCENARIOS_KEY });
    },
  });
  const errors = { ...work.errors.fields, ...save.errors.fields };
  const formError = work.errors.form ?? save.errors.form;
  const revision = [work.errors, save.errors];
  usePageTitle('Workforce planner', Object.keys(errors).length > 0 || formError !== null);

  if (error) return <ServiceProblem error={error} />;
  if (isPending || !baseline || !draft) return <Loading what="the planner" />;

  const set = (id: string, value: string) => setDraft((d) => ({ ...(d as Draft), [id]: value }));
  const area = baseline.area.kind === 'pcn' ? baseline.area.id : null;

  function submit(event: FormEvent<HTMLFormElement>, saving: boolean) {
    event.preventDefault();
    const { inputs, errors: local } = inputsOf(draft as Draft);
    const fields = { ...local };
    if (saving && !name.trim()) fields.name = 'Enter a name for the scenario, like "20 % more referrals"';
    if (Object.keys(fields).length > 0 || !inputs) {
      (saving ? save : work).setErrors({ fields, form: null });
      (saving ? work : save).setErrors({ fields: {}, form: null });
      return;
    }
    (saving ? work : save).setErrors({ fields: {}, form: null });
    if (saving) void save.submit({ name: name.trim(), pcnId: area, inputs });
    else void work.submit({ pcnId: area, inputs });
  }

  const year = draft['inputs.year'] ?? '';
  const payPoints = baseline.rates.rates.filter((r) => r.year === year && r.code.startsWith('pay:'));
  const d = baseline.demand;

  return (
    <>
      <h1>
        <span className="nhsuk-caption-l">{baseline.area.name}</span>
        Workforce planner
      </h1>
      <p>
        Work out the team your demand needs: referrals, the case mix at triage, contacts per case and caseloads give the
        whole-time equivalents (WTE) per role; pay, employer on-costs and the Additional Roles Reimbursement Scheme
        (ARRS) maximums give the cost. Every figure below starts from your data and is yours to change.
      </p>

      {baseline.pcns.length > 1 && (
        <form
          className="waymark-planner-area"
          onSubmit={(e) => {
            e.preventDefault();
            const value = String(new FormData(e.currentTarget).get('pcnId') ?? '');
            setSearch(value ? { pcnId: value } : {});
          }}
        >
          <SelectField
            id="area"
            name="pcnId"
            label="Plan for"
            value={pcnId ?? ''}
            options={[
              { value: '', text: 'The whole ICB' },
              ...baseline.pcns.map((p) => ({ value: p.id, text: p.name })),
            ]}
            onChange={(value) => setSearch(value ? { pcnId: value } : {})}
          />
        </form>
      )}

      <h2>What the data says</h2>
      <SummaryList
        rows={[
          {
            key: 'Period',
            value: `${monthName(baseline.period.from)} to ${monthName(baseline.period.to)} (${baseline.period.months} months)`,
          },
          { key: 'Referrals received', value: `${figure(d.referrals)}: ${figure(d.referralsPerMonth)} a month` },
          {
            key: 'Became cases',
            value:
              d.acceptedPercent === null
                ? 'No referrals triaged in the period'
                : `${d.acceptedPercent} % of ${figure(d.triaged)} referrals decided at triage`,
          },
          {
            key: 'Contacts per closed case',
            value: d.contactsPerCase
              .map(
                (c) =>
                  `${COMPLEXITY_LABELS[c.complexity]}: ${c.contacts === null ? 'no closed cases' : figure(c.contacts)}`,
              )
              .join('; '),
          },
        ]}
      />
      <DataTable
        caption="Today's team"
        captionSize="s"
        columns={TEAM_COLUMNS}
        rows={baseline.team}
        rowKey={(t) => t.role}
      />

      <form onSubmit={(e) => submit(e, false)} noValidate aria-labelledby="assumptions-heading">
        <h2 id="assumptions-heading">Your assumptions</h2>
        <ErrorSummary
          errors={summaryOf({ fields: errors, form: formError }, [...ORDER, 'name'], undefined, ANCHORS)}
          revision={revision}
        />
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Demand</legend>
          <NumberField
            id="inputs.referralsPerMonth"
            label="Referrals a month today"
            hint={`From the data: ${figure(d.referralsPerMonth)} a month. Enter a figure of your own to plan from it.`}
            draft={draft}
            errors={errors}
            set={set}
          />
          <NumberField
            id="inputs.changePercent"
            label="Change in referrals"
            hint="What if demand changes? For example, 20 for 20 % more referrals, -10 for 10 % fewer."
            suffix="%"
            draft={draft}
            errors={errors}
            set={set}
          />
          <NumberField
            id="inputs.acceptedPercent"
            label="Referrals that become cases"
            hint="The rest are declined or redirected at triage."
            suffix="%"
            draft={draft}
            errors={errors}
            set={set}
          />
        </fieldset>

        <fieldset className="nhsuk-fieldset" aria-describedby="mix-hint">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Case mix</legend>
          <div className="nhsuk-hint" id="mix-hint">
            Cases by the role triage recommends and their complexity, as counts or shares: they are added up and each
            taken as its share of the whole. From the data when referrals were triaged in the period.
          </div>
          {errors['inputs.mix'] && <ErrorMessage id="inputs.mix" error={errors['inputs.mix']} />}
          <table className="nhsuk-table waymark-planner-grid">
            <caption className="nhsuk-u-visually-hidden">Case mix: cases by role and complexity</caption>
            <thead>
              <tr>
                <th scope="col">Role</th>
                {COMPLEXITIES.map((c) => (
                  <th scope="col" key={c}>
                    {COMPLEXITY_LABELS[c]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {PLANNED_ROLES.map((r) => (
                <tr key={r}>
                  <th scope="row">{PLANNED_ROLE_LABELS[r]}</th>
                  {COMPLEXITIES.map((c) => (
                    <td key={c}>
                      <NumberField
                        id={mixField(r, c)}
                        label={`${PLANNED_ROLE_LABELS[r]}, ${c} complexity`}
                        hiddenLabel
                        draft={draft}
                        errors={errors}
                        set={set}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>

        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Contacts and caseloads</legend>
          <div className="waymark-planner-row">
            {COMPLEXITIES.map((c) => (
              <NumberField
                key={c}
                id={`inputs.contactsPerCase.${c}`}
                label={`Contacts per ${c} complexity case`}
                draft={draft}
                errors={errors}
                set={set}
              />
            ))}
          </div>
          <NumberField
            id="inputs.contactsPerMonth"
            label="Contacts a month per open case"
            hint="How often an open case is seen: 2 is about once a fortnight. Contacts per case divided by this is how long a case stays open."
            draft={draft}
            errors={errors}
            set={set}
          />
          <div className="waymark-planner-row">
            {PLANNED_ROLES.map((r) => (
              <NumberField
                key={r}
                id={`inputs.caseloadPerWte.${r}`}
                label={`${PLANNED_ROLE_LABELS[r]}: open cases per WTE`}
                draft={draft}
                errors={errors}
                set={set}
              />
            ))}
          </div>
        </fieldset>

        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Pay</legend>
          <SelectField
            id="inputs.year"
            label="Pay year"
            value={year}
            error={errors['inputs.year']}
            options={baseline.rates.years.map((y) => ({ value: y, text: y }))}
            onChange={(v) => set('inputs.year', v)}
          />
          {PLANNED_ROLES.map((r) => (
            <SelectField
              key={r}
              id={`inputs.payPoint.${r}`}
              label={`${PLANNED_ROLE_LABELS[r]}: pay point`}
              value={draft[`inputs.payPoint.${r}`] ?? ''}
              error={errors[`inputs.payPoint.${r}`]}
              options={
                payPoints.length === 0
                  ? [{ value: draft[`inputs.payPoint.${r}`] ?? '', text: `No pay points entered for ${year}` }]
                  : payPoints.map((p) => ({
                      value: p.code,
                      text: `${p.label}: ${pounds(p.amount)}${p.verified ? '' : ' (not confirmed)'}`,
                    }))
              }
              onChange={(v) => set(`inputs.payPoint.${r}`, v)}
            />
          ))}
        </fieldset>

        <Button aria-disabled={work.busy || undefined}>{work.busy ? 'Working out…' : 'Work out the plan'}</Button>
      </form>

      {result && <PlanResults result={result.result} title={result.title} focusKey={focusKey} />}

      <form
        onSubmit={(e) => submit(e, true)}
        noValidate
        aria-labelledby="save-heading"
        className="nhsuk-u-margin-top-6"
      >
        <h2 id="save-heading">Save as a scenario</h2>
        {saved && (
          <p className="nhsuk-body" role="status">
            Scenario “{saved}” saved.
          </p>
        )}
        <TextField
          id="name"
          label="Scenario name"
          hint="Saves the assumptions above, worked out again with the figures of the day whenever you open it."
          value={name}
          error={errors.name}
          width={30}
          onChange={setName}
        />
        <Button variant="secondary" aria-disabled={save.busy || undefined}>
          {save.busy ? 'Saving…' : 'Save scenario'}
        </Button>
      </form>

      <ScenarioList
        onOpen={(s) => {
          setDraft(draftOf(s.inputs));
          setResult({ result: s.result, title: `The plan: ${s.name}` });
          setFocusKey((k) => k + 1);
        }}
      />
    </>
  );
}
