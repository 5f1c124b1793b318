import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { CSV_COLUMNS } from '../../../common/directory-transfer';
import { ApiError } from '../../app/api';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { DataTable } from '../../ui/DataTable';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { summaryOf } from '../../ui/form-errors';
import { usePageTitle } from '../../ui/use-page-title';
import {
  CSV_TEMPLATE_URL,
  DUPLICATES_KEY,
  EXPORT_URL,
  formatOf,
  type ImportFormat,
  type ImportResult,
  importFile,
} from './transfer-api';

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
  const [result, setResult] = useState<ImportResult | null>(null);
  const write = useSubmit({
    mutationFn: async ({ format, file }: { format: ImportFormat; file: File }) => importFile(format, await file.text()),
    labels: {},
    onSuccess: async (answer) => {
      setResult(answer);
      await queryClient.invalidateQueries({ queryKey: DUPLICATES_KEY });
    },
    // Whatever the server says is about the file: shown beside the file field.
    errorsFrom: (error) => ({
      fields: {
        [FILE_ID]:
          error instanceof ApiError
            ? error.fieldErrors.length
              ? error.fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; ')
              : error.problem.detail
            : 'Sorry, the file could not be imported. Try again.',
      },
      form: null,
    }),
  });
  const { busy, errors, setErrors } = write;

  function submit(event: FormEvent) {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    const format = file ? formatOf(file) : null;
    if (!file || !format) {
      const message = file ? 'The file must be a .json (ORUK) or .csv file' : 'Select a file to import';
      return setErrors({ fields: { [FILE_ID]: message }, form: null });
    }
    setResult(null);
    void write.submit({ format, file });
  }

  const fileError = errors.fields[FILE_ID];
  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">Import services</h2>
      <ErrorSummary errors={summaryOf(errors, [FILE_ID])} revision={errors} />
      <form onSubmit={submit} noValidate>
        <div className={`nhsuk-form-group nhsuk-file-upload${fileError ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor={FILE_ID}>
            File to import
          </label>
          <div className="nhsuk-hint" id={`${FILE_ID}-hint`}>
            An ORUK JSON file (.json: a list of full service documents, as the export writes them) or a CSV file (.csv,
            with the columns listed below). A service with the same id is updated; importing the same file again changes
            nothing. Rows or documents with errors are listed and left out; the others are imported.
          </div>
          {fileError && (
            <span className="nhsuk-error-message" id={`${FILE_ID}-error`}>
              <span className="nhsuk-u-visually-hidden">Error:</span> {fileError}
            </span>
          )}
          <input
            className="nhsuk-file-upload__input"
            id={FILE_ID}
            name="file"
            type="file"
            accept=".json,.csv,application/json,text/csv"
            aria-describedby={`${FILE_ID}-hint${fileError ? ` ${FILE_ID}-error` : ''}`}
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
    ? result.errors.map((e, i) => ({ key: String(i), where: `Line ${e.line}`, field: e.field, message: e.message }))
    : result.errors.map((e, i) => ({
        key: String(i),
        where: `Document ${e.index + 1}${e.id ? ` (${e.id})` : ''}`,
        field: e.field,
        message: e.message,
      }));
  return (
    // A region of its own, so the report's errors can be found (and read) as one.
    <section aria-label="Import errors">
      <DataTable
        caption="Errors"
        rowHeader={false}
        columns={[
          { header: csv ? 'Line' : 'Document', cell: (row) => row.where },
          { header: csv ? 'Column' : 'Field', cell: (row) => <code>{row.field}</code> },
          { header: 'Problem', cell: (row) => row.message },
        ]}
        rows={rows}
        rowKey={(row) => row.key}
      />
    </section>
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
      <DataTable
        caption="Columns of the directory CSV"
        captionHidden
        columns={[
          { header: 'Column', cell: (column) => <code>{column.name}</code> },
          { header: 'What to put in it', cell: (column) => column.help },
        ]}
        rows={[...CSV_COLUMNS]}
        rowKey={(column) => column.name}
      />
    </section>
  );
}
