import { useQuery } from '@tanstack/react-query';
import type {
  CsvImportResult,
  DuplicatesAnswer,
  MergeRequest,
  MergeResult,
  OrukImportResult,
} from '../../../common/directory-transfer';
import { api } from '../../app/api';

export const DUPLICATES_KEY = ['directory', 'duplicates'] as const;
export const EXPORT_URL = '/api/directory/export/oruk';
export const CSV_TEMPLATE_URL = '/api/directory/import/csv-template';

export type ImportFormat = 'oruk' | 'csv';
export type ImportResult = (OrukImportResult & { format: 'oruk' }) | (CsvImportResult & { format: 'csv' });

/** Which import a file is for, by its name (browsers disagree on the types of .csv files). */
export function formatOf(file: File): ImportFormat | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.json')) return 'oruk';
  return null;
}

/** Sends the file's text as it is: the server parses and checks every document or row. */
export async function importFile(format: ImportFormat, text: string): Promise<ImportResult> {
  if (format === 'csv') {
    const result = await api<CsvImportResult>('/api/directory/import/csv', {
      method: 'POST',
      text: { contentType: 'text/csv; charset=utf-8', body: text },
    });
    return { ...result, format };
  }
  const result = await api<OrukImportResult>('/api/directory/import/oruk', {
    method: 'POST',
    text: { contentType: 'application/json', body: text },
  });
  return { ...result, format };
}

export function useDuplicates() {
  return useQuery({
    queryKey: DUPLICATES_KEY,
    queryFn: async () => (await api<DuplicatesAnswer>('/api/directory/duplicates')).pairs,
  });
}

export function mergeDuplicate(body: MergeRequest): Promise<MergeResult> {
  return api('/api/directory/duplicates/merge', { method: 'POST', body });
}
