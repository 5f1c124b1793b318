import { useState } from 'react';
import { useParams } from 'react-router';
import type { CarePlanVersionSummary, PlanChange } from '../../../common/care-plan';
import { ApiError } from '../../app/api';
import { NotFoundPage } from '../../app/NotFoundPage';
import { BackLink } from '../../ui/BackLink';
import { Button } from '../../ui/Button';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import { useCarePlan, useCarePlanComparison, useCarePlanVersions } from './care-plans-api';
import { Select } from './PlanFields';
import { fieldLabel, formatSaved } from './plan-format';

const show = (v: string | number | boolean | null) =>
  v === null || v === '' ? <span className="nhsuk-body-s">(empty)</span> : v === true ? 'Yes' : v === false ? 'No' : v;

const VERSION_COLUMNS: DataColumn<CarePlanVersionSummary>[] = [
  { header: 'Version', cell: (v) => v.version },
  { header: 'Saved by', cell: (v) => v.savedBy.name },
  { header: 'Saved on', cell: (v) => formatSaved(v.savedAt) },
];

function changeColumns(from: number, to: number): DataColumn<PlanChange>[] {
  return [
    {
      header: 'What changed',
      cell: (c) => (
        <>
          {fieldLabel(c.field)}
          {c.kind !== 'changed' && ` (${c.kind})`}
        </>
      ),
    },
    { header: `Version ${from}`, cell: (c) => <span className="waymark-plan-text">{show(c.from)}</span> },
    { header: `Version ${to}`, cell: (c) => <span className="waymark-plan-text">{show(c.to)}</span> },
  ];
}

/** Every saved version of the plan (who, when), and a field-by-field comparison of any two. */
export function CarePlanVersionsPage() {
  const { personId = '' } = useParams();
  const plan = useCarePlan(personId);
  const versions = useCarePlanVersions(personId);
  const list = versions.data ?? [];
  const [picked, setPicked] = useState<{ from: string; to: string } | null>(null);
  const [compare, setCompare] = useState<{ from: number; to: number } | null>(null);
  const defaults = { from: String(list[1]?.version ?? list[0]?.version ?? ''), to: String(list[0]?.version ?? '') };
  const choice = picked ?? defaults;
  const comparison = useCarePlanComparison(personId, compare?.from ?? null, compare?.to ?? null);
  const error = plan.error ?? versions.error;
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  const who = plan.data ? `${plan.data.person.givenName} ${plan.data.person.familyName}` : '';
  usePageTitle(notFound ? 'Page not found' : `Versions of the care and support plan${who ? ` for ${who}` : ''}`);
  if (notFound) return <NotFoundPage />;
  if (error) return <ServiceProblem error={error} />;
  if (plan.isPending || versions.isPending) return <Loading what="the versions of the plan" />;

  const options = list.map((v) => ({ value: String(v.version), text: `Version ${v.version}` }));
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-full">
        <BackLink to={`/people/${personId}/plan`}>Care and support plan</BackLink>
        <span className="nhsuk-caption-l">{who}</span>
        <h1>Versions of the plan</h1>
        <DataTable
          caption="Every save is kept as a version"
          columns={VERSION_COLUMNS}
          rows={list}
          rowKey={(v) => String(v.version)}
          rowHeader={false}
        />

        <h2>Compare two versions</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (choice.from && choice.to) setCompare({ from: Number(choice.from), to: Number(choice.to) });
          }}
        >
          <div className="nhsuk-grid-row">
            <div className="nhsuk-grid-column-one-quarter">
              <Select
                id="compare-from"
                label="From"
                value={choice.from}
                options={options}
                onChange={(v) => setPicked({ ...choice, from: v })}
              />
            </div>
            <div className="nhsuk-grid-column-one-quarter">
              <Select
                id="compare-to"
                label="To"
                value={choice.to}
                options={options}
                onChange={(v) => setPicked({ ...choice, to: v })}
              />
            </div>
          </div>
          <Button variant="secondary">Compare</Button>
        </form>

        {comparison.isFetching && <Loading what="the comparison" />}
        {comparison.error && <p className="nhsuk-body">That comparison could not be loaded.</p>}
        {comparison.data && !comparison.isFetching && (
          <>
            <h3>
              Changes from version {comparison.data.from.version} to version {comparison.data.to.version}
            </h3>
            {comparison.data.changes.length === 0 ? (
              <p className="nhsuk-body">These versions are the same.</p>
            ) : (
              <DataTable
                caption={`Changes from version ${comparison.data.from.version} to version ${comparison.data.to.version}`}
                captionHidden
                columns={changeColumns(comparison.data.from.version, comparison.data.to.version)}
                rows={comparison.data.changes}
                rowKey={(c) => c.field}
                rowHeader={false}
              />
            )}
          </>
        )}
      </div>
    </div>
  );
}
