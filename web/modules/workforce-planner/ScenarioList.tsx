import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../app/api';
import { Button } from '../../ui/Button';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { formatDateTime } from '../../ui/format';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import {
  deleteScenario,
  figure,
  pounds,
  SCENARIOS_KEY,
  type Scenario,
  type ScenarioSummary,
  signed,
  useScenarios,
} from './planner-api';

/** The scenarios kept for this planner's scope: open one (its inputs into the form, its plan shown) or delete it. */
export function ScenarioList({ onOpen }: { onOpen: (scenario: Scenario) => void }) {
  const { data, error, isPending } = useScenarios();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function open(id: string) {
    setBusy(id);
    setProblem(null);
    try {
      onOpen(await api<Scenario>(`/api/workforce-planner/scenarios/${encodeURIComponent(id)}`));
    } catch {
      setProblem('Sorry, the scenario could not be opened. Try again.');
    } finally {
      setBusy(null);
    }
  }

  async function remove(s: ScenarioSummary) {
    setBusy(s.id);
    setProblem(null);
    try {
      await deleteScenario(s.id);
      await queryClient.invalidateQueries({ queryKey: SCENARIOS_KEY });
    } catch {
      setProblem(`Sorry, “${s.name}” could not be deleted. Try again.`);
    } finally {
      setBusy(null);
    }
  }

  const columns: DataColumn<ScenarioSummary>[] = [
    { header: 'Scenario', cell: (s) => s.name },
    { header: 'Area', cell: (s) => s.area },
    { header: 'Change in referrals', numeric: true, cell: (s) => `${signed(s.changePercent)} %` },
    { header: 'WTE needed', numeric: true, cell: (s) => figure(s.wteNeeded) },
    { header: 'Cost a year', numeric: true, cell: (s) => pounds(s.totalCost) },
    { header: 'Saved', cell: (s) => `${formatDateTime(s.createdAt)} by ${s.createdBy}` },
    {
      header: 'Actions',
      hiddenHeader: true,
      cell: (s) => (
        <div className="waymark-planner-actions">
          <Button
            type="button"
            small
            variant="secondary"
            aria-disabled={busy === s.id || undefined}
            onClick={() => void open(s.id)}
          >
            Open<span className="nhsuk-u-visually-hidden"> {s.name}</span>
          </Button>
          <Button
            type="button"
            small
            variant="warning"
            aria-disabled={busy === s.id || undefined}
            onClick={() => void remove(s)}
          >
            Delete<span className="nhsuk-u-visually-hidden"> {s.name}</span>
          </Button>
        </div>
      ),
    },
  ];

  return (
    <section aria-labelledby="scenarios-heading" className="nhsuk-u-margin-top-6">
      <h2 id="scenarios-heading">Saved scenarios</h2>
      {problem && (
        <p className="nhsuk-error-message" role="alert">
          {problem}
        </p>
      )}
      {error ? (
        <ServiceProblem error={error} />
      ) : isPending ? (
        <Loading what="the scenarios" />
      ) : data.scenarios.length === 0 ? (
        <p>No scenarios saved yet.</p>
      ) : (
        <DataTable
          caption="Saved scenarios"
          captionHidden
          columns={columns}
          rows={data.scenarios}
          rowKey={(s) => s.id}
        />
      )}
    </section>
  );
}
