import type { ReactNode } from 'react';
import { Button } from '../../ui/Button';
import { CheckboxField } from '../../ui/FormFields';
import { type FieldPaths, fieldBinder } from '../../ui/field-binder';
import { DateField, Select, TextArea, TextInput } from './PlanFields';
import { type Draft, EMPTY_DATE, newKey, todayParts } from './plan-draft';

// The repeated parts of the care plan form (needs, goals with their progress scores, actions),
// each bound to its part of the draft; the page keeps the single fields and the save.

export interface PlanSectionProps {
  draft: Draft;
  set: (patch: Partial<Draft>) => void;
  paths: FieldPaths;
}

/** Replaces item `i` of a list with its patched copy. */
const patchAt = <T,>(list: T[], i: number, patch: Partial<T>): T[] =>
  list.map((item, j) => (j === i ? { ...item, ...patch } : item));

/** A button about one item of a list (remove it, add to it). */
function ItemButton({ warning, onClick, children }: { warning?: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <Button type="button" variant={warning ? 'warning' : 'secondary'} small onClick={onClick}>
      {children}
    </Button>
  );
}

function AddButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Button type="button" variant="secondary" onClick={onClick}>
      {children}
    </Button>
  );
}

const SCORE_OPTIONS = [
  { value: '', text: 'Choose a score' },
  ...Array.from({ length: 11 }, (_, k) => ({ value: String(k), text: String(k) })),
];

export function NeedsSection({
  draft,
  set,
  paths,
  domainOptions,
}: PlanSectionProps & { domainOptions: { value: string; text: string }[] }) {
  return (
    <>
      <h2>Needs</h2>
      {draft.needs.map((n, i) => {
        const bind = fieldBinder(n, (patch) => set({ needs: patchAt(draft.needs, i, patch) }), paths, `needs.${i}.`);
        return (
          <div className="waymark-plan-item" key={n.key}>
            <Select label={`Need ${i + 1}`} options={domainOptions} {...bind('domain')} />
            <TextArea label={`Notes about need ${i + 1}`} rows={2} {...bind('notes')} />
            <ItemButton onClick={() => set({ needs: draft.needs.filter((x) => x.key !== n.key) })}>
              Remove need {i + 1}
            </ItemButton>
          </div>
        );
      })}
      <AddButton onClick={() => set({ needs: [...draft.needs, { key: newKey(), domain: '', notes: '' }] })}>
        Add a need
      </AddButton>
    </>
  );
}

export function GoalsSection({ draft, set, paths }: PlanSectionProps) {
  return (
    <>
      <h2>Goals</h2>
      {draft.goals.map((g, i) => {
        const setGoal = (patch: Partial<typeof g>) => set({ goals: patchAt(draft.goals, i, patch) });
        const bind = fieldBinder(g, setGoal, paths, `goals.${i}.`);
        return (
          <div className="waymark-plan-item" key={g.key}>
            <TextArea label={`Goal ${i + 1}`} hint="In the person’s own words" rows={2} {...bind('text')} />
            <DateField legend={`Target date for goal ${i + 1}`} hint="For example, 15 3 2026" {...bind('targetDate')} />
            <h3 className="nhsuk-heading-s">Progress towards goal {i + 1}</h3>
            {g.progress.length === 0 && <p className="nhsuk-body">No progress scores yet.</p>}
            {g.progress.map((p, j) => {
              const bindScore = fieldBinder(
                p,
                (patch) => setGoal({ progress: patchAt(g.progress, j, patch) }),
                paths,
                `goals.${i}.progress.${j}.`,
              );
              return (
                <div className="waymark-plan-item" key={p.key}>
                  <DateField legend={`Date of score ${j + 1}`} {...bindScore('date')} />
                  <Select
                    label={`Score ${j + 1}, from 0 (not started) to 10 (achieved)`}
                    options={SCORE_OPTIONS}
                    {...bindScore('score')}
                  />
                  <TextInput label={`Note for score ${j + 1} (optional)`} {...bindScore('note')} />
                  <ItemButton onClick={() => setGoal({ progress: g.progress.filter((x) => x.key !== p.key) })}>
                    Remove score {j + 1}
                  </ItemButton>
                </div>
              );
            })}
            <ItemButton
              onClick={() =>
                setGoal({ progress: [...g.progress, { key: newKey(), date: todayParts(), score: '', note: '' }] })
              }
            >
              Record progress for goal {i + 1}
            </ItemButton>{' '}
            <ItemButton warning onClick={() => set({ goals: draft.goals.filter((x) => x.key !== g.key) })}>
              Remove goal {i + 1}
            </ItemButton>
          </div>
        );
      })}
      <AddButton
        onClick={() =>
          set({ goals: [...draft.goals, { key: newKey(), text: '', targetDate: EMPTY_DATE, progress: [] }] })
        }
      >
        Add a goal
      </AddButton>
    </>
  );
}

export function ActionsSection({ draft, set, paths }: PlanSectionProps) {
  return (
    <>
      <h2>Actions</h2>
      {draft.actions.map((a, i) => {
        const bind = fieldBinder(
          a,
          (patch) => set({ actions: patchAt(draft.actions, i, patch) }),
          paths,
          `actions.${i}.`,
        );
        return (
          <div className="waymark-plan-item" key={a.key}>
            <TextInput label={`Action ${i + 1}: who`} width={20} {...bind('who')} />
            <TextArea label={`Action ${i + 1}: what`} rows={2} {...bind('what')} />
            <DateField legend={`Action ${i + 1}: by when`} {...bind('byWhen')} />
            <CheckboxField label={`Action ${i + 1} is done`} {...bind.check('done')} />
            <ItemButton onClick={() => set({ actions: draft.actions.filter((x) => x.key !== a.key) })}>
              Remove action {i + 1}
            </ItemButton>
          </div>
        );
      })}
      <AddButton
        onClick={() =>
          set({ actions: [...draft.actions, { key: newKey(), who: '', what: '', byWhen: EMPTY_DATE, done: false }] })
        }
      >
        Add an action
      </AddButton>
    </>
  );
}
