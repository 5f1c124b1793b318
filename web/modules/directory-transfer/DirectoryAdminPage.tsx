import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { CSV_COLUMNS } from '../../../common/directory-transfer';
import { ApiError } from '../../app/api';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TableScroll } from '../../ui/TableScroll';
import { usePageTitle } from '../../ui/use-page-title';
import { CSV_TEMPLATE_URL, DUPLICATES_KEY, EXPORT_URL, formatOf, type ImportResult, importFile } from './transfer-api';

const FILE_ID = 'import-file';

/** Import (ORUK JSON or CSV), export, the CSV columns and the way to the duplicates. */
export function DirectoryAdminPage() {
  usePageTitle('Directory import and export');
  return (
    <>
      <h1>Directory import and export</h1>
      <p>
        Bring services into your ICB’s Directory of Services from an Open Referral UK (ORUK) JSON file or a spreadsheet
        saved as CSV, download the whole directory as ORUK JSON, and sort out listings that may be the same service
        twice.
      </p>
      <p>
        <Link to="/admin/directory/duplicates">See possible duplicates</Link>
      </p>
      <ImportSection />
      <ExportSection />
      <CsvColumnsSection />
    </>
  );
}

function ImportSection() {
  const fileRef = useRef<HTMLInputElement>(null);
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<{ list: string[] }>({ list: [] });
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const file = fileRef.current?.files?.[0];
    const format = file ? formatOf(file) : null;
    if (!file || !format) {
      setErrors({ list: [file ? 'The file must be a .json (ORUK) or .csv file' : 'Select a file to import'] });
      return;
    }
    setBusy(true);
    setResult(null);
    try {
      const answer = await importFile(format, await file.text());
      setErrors({ list: [] });
      setResult(answer);
      await queryClient.invalidateQueries({ queryKey: DUPLICATES_KEY });
    } catch (error) {
      const list =
        error instanceof ApiError
          ? error.fieldErrors.length
            ? error.fieldErrors.map((e) => `${e.field}: ${e.message}`)
            : [error.problem.detail]
          : ['Sorry, the file could not be imported. Try again.'];
      setErrors({ list });
    } finally {
      setBusy(false);
    }
  }

  const hasError = errors.list.length > 0;
  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">Import services</h2>
      <ErrorSummary errors={errors.list.map((message) => ({ fieldId: FILE_ID, message }))} revision={errors} />
      <form onSubmit={submit} noValidate>
        <div className={`nhsuk-form-group nhsuk-file-upload${hasError ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor={FILE_ID}>
            File to import
          </label>
          <div className="nhsuk-hint" id={`${FILE_ID}-hint`}>
            An ORUK JSON file (.json: a list of full service documents, as the export writes them) or a CSV file (.csv,
            with the columns listed below). A service with the same id is updated; importing the same file again changes
            nothing. Rows or documents with errors are listed and left out; the others are imported.
          </div>
          {hasError && (
            <span className="nhsuk-error-message" id={`${FILE_ID}-error`}>
              <span className="nhsuk-u-visually-hidden">Error:</span> {errors.list[0]}
            </span>
          )}
          <input
            className="nhsuk-file-upload__input"
            id={FILE_ID}
            name="file"
            type="file"
            accept=".json,.csv,application/json,text/csv"
            aria-describedby={`${FILE_ID}-hint${hasError ? ` ${FILE_ID}-error` : ''}`}
            ref={fileRef}
          />
        </div>
        <Button aria-disabled={busy}>{busy ? 'Importing…' : 'Import'}</Button>
      </form>
      {result && <ImportReport result={result} />}
    </section>
  );
}

function ImportReport({ result }: { result: ImportResult }) {
  const total = result.created + result.updated + result.unchanged;
  return (
    <div className="nhsuk-card">
      <div className="nhsuk-card__content">
        <div role="status">
          <h3 className="nhsuk-card__heading">
            {result.errors.length === 0
              ? `Imported ${total} ${total === 1 ? 'service' : 'services'}`
              : 'Import finished with errors'}
          </h3>
        </div>
        <dl className="nhsuk-summary-list">
          {(
            [
              ['New services', result.created],
              ['Updated services', result.updated],
              ['Unchanged services', result.unchanged],
              [
                result.format === 'csv' ? 'Rows with errors (not imported)' : 'Documents with errors (not imported)',
                errorItems(result),
              ],
            ] as const
          ).map(([label, value]) => (
            <div className="nhsuk-summary-list__row" key={label}>
              <dt className="nhsuk-summary-list__key">{label}</dt>
              <dd className="nhsuk-summary-list__value">{value}</dd>
            </div>
          ))}
        </dl>
        {result.errors.length > 0 && <ErrorTable result={result} />}
        {result.possible_duplicates.length > 0 && (
          <>
            <h4>Possible duplicates</h4>
            <p>These were imported, but look like listings already in the directory.</p>
            <ul className="nhsuk-list nhsuk-list--bullet">
              {result.possible_duplicates.map((d) => (
                <li key={`${d.imported_id}:${d.existing_id}`}>{d.reason}</li>
              ))}
            </ul>
            <p>
              <Link to="/admin/directory/duplicates">Review and merge duplicates</Link>
            </p>
          </>
        )}
      </div>
    </div>
  );
}

function errorItems(result: ImportResult): number {
  return result.format === 'csv'
    ? new Set(result.errors.map((e) => e.line)).size
    : new Set(result.errors.map((e) => e.index)).size;
}

function ErrorTable({ result }: { result: ImportResult }) {
  const csv = result.format === 'csv';
  const rows = csv
    ? result.errors.map((e) => ({ where: `Line ${e.line}`, field: e.field, message: e.message }))
    : result.errors.map((e) => ({
        where: `Document ${e.index + 1}${e.id ? ` (${e.id})` : ''}`,
        field: e.field,
        message: e.message,
      }));
  return (
    <TableScroll label="Import errors">
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption">Errors</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              {csv ? 'Line' : 'Document'}
            </th>
            <th scope="col" className="nhsuk-table__header">
              {csv ? 'Column' : 'Field'}
            </th>
            <th scope="col" className="nhsuk-table__header">
              Problem
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {rows.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: errors have no id and never reorder
            <tr className="nhsuk-table__row" key={i}>
              <td className="nhsuk-table__cell">{row.where}</td>
              <td className="nhsuk-table__cell">
                <code>{row.field}</code>
              </td>
              <td className="nhsuk-table__cell">{row.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function ExportSection() {
  return (
    <section aria-labelledby="export-heading">
      <h2 id="export-heading">Export the directory</h2>
      <p>
        Every service of your ICB’s directory as Open Referral UK JSON, to share with other directories or to re-import
        later. It is meant for sharing, so confidential places (such as a refuge) are exported without their address,
        coordinates or description.
      </p>
      <a className="nhsuk-button nhsuk-button--secondary" href={EXPORT_URL} download draggable={false}>
        Download the directory (ORUK JSON)
      </a>
    </section>
  );
}

function CsvColumnsSection() {
  return (
    <section aria-labelledby="csv-heading">
      <h2 id="csv-heading">CSV columns</h2>
      <p>
        The first line of the file names the columns, in any order. Only <code>organization_name</code> and{' '}
        <code>name</code> are required. <a href={CSV_TEMPLATE_URL}>Download a CSV template</a> with an example row.
      </p>
      <TableScroll label="CSV columns">
        <table className="nhsuk-table">
          <caption className="nhsuk-u-visually-hidden">Columns of the directory CSV</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Column
              </th>
              <th scope="col" className="nhsuk-table__header">
                What to put in it
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {CSV_COLUMNS.map((column) => (
              <tr className="nhsuk-table__row" key={column.name}>
                <td className="nhsuk-table__cell">
                  <code>{column.name}</code>
                </td>
                <td className="nhsuk-table__cell">{column.help}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
