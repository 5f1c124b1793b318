import type { DirectoryHistoryEntry } from '../../../common/directory';
import type { CategoryOption } from '../../../common/directory-maintenance';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { fieldChangeColumns } from './DiffTable';
import { formatWhen } from './maintenance-format';

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
  const fieldList = (fields: DirectoryHistoryEntry[], what: string) => (
    <DataTable
      caption={`Fields ${what}`}
      captionHidden
      className="waymark-history-fields"
      rowHeader={false}
      columns={fieldChangeColumns(order, names, ['Was', 'Now'])}
      rows={fields}
      rowKey={(h) => h.id}
    />
  );
  const columns: DataColumn<Change>[] = [
    { header: 'When', cell: (c) => formatWhen(c.at) },
    { header: 'What', cell: (c) => ACTIONS[c.action] ?? c.action },
    { header: 'By', cell: (c) => c.by },
    {
      header: 'Changes',
      cell: (c) => {
        const what = `${ACTIONS[c.action]?.toLowerCase() ?? c.action} ${formatWhen(c.at)}`;
        return c.fields.length <= 3 ? (
          fieldList(c.fields, what)
        ) : (
          <details className="nhsuk-details">
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">
                Show {c.fields.length} fields
                <span className="nhsuk-u-visually-hidden"> {what}</span>
              </span>
            </summary>
            <div className="nhsuk-details__text">{fieldList(c.fields, what)}</div>
          </details>
        );
      },
    },
  ];
  return (
    <DataTable
      caption="History of this listing"
      captionHidden
      rowHeader={false}
      columns={columns}
      rows={changesOf(history)}
      rowKey={(c) => c.key}
    />
  );
}
