import type { DirectoryHistoryEntry } from '../../../common/directory';
import { type CategoryOption, fieldChangeLabel } from '../../../common/directory-maintenance';
import { changeValueText, formatWhen } from './maintenance-format';

const ACTIONS: Record<string, string> = {
  create: 'Added',
  update: 'Edited',
  assure: 'Checked',
  status: 'Status changed',
  approve: 'Partner’s change approved',
  merge: 'Merged',
  import: 'Imported',
};

interface Change {
  key: string;
  at: string;
  action: string;
  by: string;
  fields: DirectoryHistoryEntry[];
}

/** Rows written by one save (same moment, action and author) are one change. */
function changesOf(history: DirectoryHistoryEntry[]): Change[] {
  const changes: Change[] = [];
  for (const h of history) {
    const last = changes.at(-1);
    if (last && last.at === h.at && last.action === h.action && last.by === h.by) last.fields.push(h);
    else changes.push({ key: h.id, at: h.at, action: h.action, by: h.by, fields: [h] });
  }
  return changes;
}

/**
 * The listing's history (HSDS metadata), newest first: one row per save, its fields behind a
 * "Show" expander when there are many (adding a listing records every field).
 */
export function HistoryTable({
  history,
  categories,
}: {
  history: DirectoryHistoryEntry[];
  categories: CategoryOption[];
}) {
  const names = new Map(categories.map((c) => [c.id, c.name]));
  // Who checked is the row's "By" (a name); the assurer's email field would only repeat it as an address.
  history = history.filter((h) => h.field !== 'assurer_email');
  const order = history.map((h) => h.field);
  const fieldList = (fields: DirectoryHistoryEntry[]) => (
    <table className="nhsuk-table waymark-history-fields">
      <thead className="nhsuk-table__head">
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Was</th>
          <th scope="col">Now</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {fields.map((h) => (
          <tr className="nhsuk-table__row" key={h.id}>
            <td className="nhsuk-table__cell">{fieldChangeLabel(h.field, order)}</td>
            <td className="nhsuk-table__cell waymark-diff-value">{changeValueText(h.field, h.previous, names)}</td>
            <td className="nhsuk-table__cell waymark-diff-value">{changeValueText(h.field, h.replacement, names)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <table className="nhsuk-table">
      <thead className="nhsuk-table__head">
        <tr>
          <th scope="col">When</th>
          <th scope="col">What</th>
          <th scope="col">By</th>
          <th scope="col">Changes</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {changesOf(history).map((c) => (
          <tr className="nhsuk-table__row" key={c.key}>
            <td className="nhsuk-table__cell">{formatWhen(c.at)}</td>
            <td className="nhsuk-table__cell">{ACTIONS[c.action] ?? c.action}</td>
            <td className="nhsuk-table__cell">{c.by}</td>
            <td className="nhsuk-table__cell">
              {c.fields.length <= 3 ? (
                fieldList(c.fields)
              ) : (
                <details className="nhsuk-details">
                  <summary className="nhsuk-details__summary">
                    <span className="nhsuk-details__summary-text">
                      Show {c.fields.length} fields
                      <span className="nhsuk-u-visually-hidden">
                        {' '}
                        {ACTIONS[c.action]?.toLowerCase() ?? c.action} {formatWhen(c.at)}
                      </span>
                    </span>
                  </summary>
                  <div className="nhsuk-details__text">{fieldList(c.fields)}</div>
                </details>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
