import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CSV_MAX_BYTES,
  IMPORT_MAX_DOCUMENTS,
  ORUK_IMPORT_MAX_BYTES,
  ZCsvImportResult,
  ZDuplicatesAnswer,
  ZMergeResult,
  ZOrukImportResult,
} from '../../../../common/directory-transfer.js';
import { zMultilineText } from '../../../../common/schemas/text.js';
import { signedInContext } from '../../../platform/http/access.js';
import type { App, AppDeps } from '../../../platform/http/deps.js';
import { csvTemplate } from './csv-listing.js';
import * as transfer from './transfer.service.js';

// Routes of the Directory of Services: import, export, duplicates and merge (admins, own ICB).
//
// POST /api/directory/import/oruk  application/json: an array of full nested ORUK service
//   documents (as GET /oruk/services/{id} answers, or as the export writes them), or
//   { "services": [...] }.
// POST /api/directory/import/csv   text/csv with the CSV_COLUMNS header (template below).
// Both answer { created, updated, unchanged, errors, possible_duplicates } with 200 even when
// some items were refused: the refused ones are in `errors`, the others are imported.

const ZOrukImportBody = z.union(
  [
    z.array(z.unknown()).max(IMPORT_MAX_DOCUMENTS, `must have at most ${IMPORT_MAX_DOCUMENTS} documents`),
    z.object({
      services: z.array(z.unknown()).max(IMPORT_MAX_DOCUMENTS, `must have at most ${IMPORT_MAX_DOCUMENTS} documents`),
    }),
  ],
  { message: 'must be an array of ORUK service documents, or { "services": [...] }' },
);

const ZMergeBody = z.object({
  keep_id: z.uuid('must be a service id'),
  merge_id: z.uuid('must be a service id'),
  reason: zMultilineText(1000, { error: { message: 'must be given' } }).min(
    1,
    'must be given: say why these are the same service',
  ),
});

const attachment = (filename: string) => `attachment; filename="${filename}"`;

// The two downloads are written as text (the template, and the export pretty-printed so that it
// reads and diffs well): Fastify sends a string body as it is, so these schemas describe the
// answer for the OpenAPI document (with `produces` naming its media type) and filter nothing.
// The export's documents are the ORUK serialiser's, which names every field it writes.
const ZCsvTemplate = z.string().describe('The CSV import template: the header row of CSV_COLUMNS and an example row');
const ZOrukExport = z
  .string()
  .describe('A JSON array of full nested ORUK service documents, as GET /oruk/services/{id} answers them');

export function directoryTransferRoutes(app: App, { db }: AppDeps): void {
  const manage = { access: { permission: 'directory.manage' as const } };

  app.post(
    '/api/directory/import/oruk',
    {
      schema: { response: { 200: ZOrukImportResult }, body: ZOrukImportBody, tags: ['directory'] },
      bodyLimit: ORUK_IMPORT_MAX_BYTES,
      config: manage,
    },
    async (request) => {
      const documents = Array.isArray(request.body) ? request.body : request.body.services;
      return transfer.importOruk(db, signedInContext(request), documents, request.log);
    },
  );

  // The CSV parser lives in its own plugin so that only this route accepts text/csv.
  app.register(async (scoped) => {
    const csv = scoped.withTypeProvider<ZodTypeProvider>();
    csv.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: CSV_MAX_BYTES }, (_request, body, done) =>
      done(null, body),
    );
    csv.post(
      '/api/directory/import/csv',
      {
        schema: {
          response: { 200: ZCsvImportResult },
          body: zMultilineText(CSV_MAX_BYTES, { trim: false, error: { message: 'must be CSV text' } }),
          tags: ['directory'],
        },
        bodyLimit: CSV_MAX_BYTES,
        config: manage,
      },
      async (request) => transfer.importCsv(db, signedInContext(request), request.body, request.log),
    );
  });

  app.get(
    '/api/directory/import/csv-template',
    { schema: { response: { 200: ZCsvTemplate }, produces: ['text/csv'], tags: ['directory'] }, config: manage },
    async (_request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment('directory-import-template.csv'))
        .send(csvTemplate()),
  );

  app.get(
    '/api/directory/export/oruk',
    { schema: { response: { 200: ZOrukExport }, produces: ['application/json'], tags: ['directory'] }, config: manage },
    async (request, reply) => {
      const { filename, documents } = await transfer.exportOruk(db, signedInContext(request));
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', attachment(filename))
        .header('cache-control', 'no-store')
        .send(JSON.stringify(documents, null, 2));
    },
  );

  app.get(
    '/api/directory/duplicates',
    { schema: { response: { 200: ZDuplicatesAnswer }, tags: ['directory'] }, config: manage },
    async (request) => ({
      pairs: await transfer.listDuplicates(db, signedInContext(request)),
    }),
  );

  app.post(
    '/api/directory/duplicates/merge',
    { schema: { response: { 200: ZMergeResult }, body: ZMergeBody, tags: ['directory'] }, config: manage },
    async (request) => transfer.mergeListings(db, signedInContext(request), request.body),
  );
}
