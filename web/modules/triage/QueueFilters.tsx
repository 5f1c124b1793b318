import { Select } from 'nhsuk-react-components';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { Button } from '../../ui/Button';
import type { QueueFilters as Filters, TriageQueue } from './triage-api';
import { PRIORITY_LABELS, PRIORITY_ORDER } from './triage-labels';

/** Filters of the triage queue; applying them puts them in the address (bookmarkable, shareable). */
export function QueueFilters({
  filters,
  options,
  onApply,
}: {
  filters: Filters;
  options: TriageQueue['filterOptions'] | undefined;
  onApply: (filters: Filters) => void;
}) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '') || undefined;
    onApply({
      status: value('status'),
      priority: value('priority'),
      reason: value('reason'),
      practiceId: value('practiceId'),
      safeguarding: value('safeguarding'),
    });
  }
  const filtered = Object.values(filters).some(Boolean);

  return (
    <form onSubmit={submit} noValidate aria-label="Filter the queue" className="waymark-queue-filters">
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-third">
          <Select id="status" name="status" label="Status" defaultValue={filters.status ?? ''}>
            <Select.Option value="">Received and triaged</Select.Option>
            <Select.Option value="received">Received: waiting for triage</Select.Option>
            <Select.Option value="triaged">Triaged: waiting for allocation</Select.Option>
          </Select>
        </div>
        <div className="nhsuk-grid-column-one-third">
          <Select id="priority" name="priority" label="Priority" defaultValue={filters.priority ?? ''}>
            <Select.Option value="">Any priority</Select.Option>
            {PRIORITY_ORDER.map((p) => (
              <Select.Option key={p} value={p}>
                {PRIORITY_LABELS[p]}
              </Select.Option>
            ))}
          </Select>
        </div>
        <div className="nhsuk-grid-column-one-third">
          <Select id="safeguarding" name="safeguarding" label="Safeguarding" defaultValue={filters.safeguarding ?? ''}>
            <Select.Option value="">With or without a concern</Select.Option>
            <Select.Option value="yes">Safeguarding concern raised</Select.Option>
            <Select.Option value="no">No safeguarding concern</Select.Option>
          </Select>
        </div>
      </div>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-third">
          <Select id="reason" name="reason" label="Reason for referral" defaultValue={filters.reason ?? ''}>
            <Select.Option value="">Any reason</Select.Option>
            {(options?.reasons ?? []).map((r) => (
              <Select.Option key={r.code} value={r.code}>
                {r.label}
              </Select.Option>
            ))}
          </Select>
        </div>
        <div className="nhsuk-grid-column-one-third">
          <Select id="practiceId" name="practiceId" label="Practice" defaultValue={filters.practiceId ?? ''}>
            <Select.Option value="">Any practice</Select.Option>
            {(options?.practices ?? []).map((p) => (
              <Select.Option key={p.id} value={p.id}>
                {p.name}
              </Select.Option>
            ))}
          </Select>
        </div>
        <div className="nhsuk-grid-column-one-third waymark-filter-actions">
          <Button variant="secondary" small>
            Apply filters
          </Button>
          {filtered && (
            <p className="nhsuk-body-s">
              <Link to="/triage">Clear filters</Link>
            </p>
          )}
        </div>
      </div>
    </form>
  );
}
