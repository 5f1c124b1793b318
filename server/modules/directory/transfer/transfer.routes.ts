import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CSV_MAX_BYTES, IMPORT_MAX_DOCUMENTS, ORUK_IMPORT_MAX_BYTES } from '../../../../common/directory-transfer.js';
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

export function directoryTransferRoutes(app: App, { db }: AppDeps): void {
  const manage = { access: { permission: 'directory.manage' as const } };

  app.post(
    '/api/directory/import/oruk',
    { schema: { body: ZOrukImportBody, tags: ['directory'] }, bodyLimit: ORUK_IMPORT_MAX_BYTES, config: manage },
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
    { schema: { tags: ['directory'] }, config: manage },
    async (_request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment('directory-import-template.csv'))
        .send(csvTemplate()),
  );

  app.get('/api/directory/export/oruk', { schema: { tags: ['directory'] }, config: manage }, async (request, reply) => {
    const { filename, documents } = await transfer.exportOruk(db, signedInContext(request));
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', attachment(filename))
      .header('cache-control', 'no-store')
      .send(JSON.stringify(documents, null, 2));
  });

  app.get('/api/directory/duplicates', { schema: { tags: ['directory'] }, config: manage }, async (request) => ({
    pairs: await transfer.listDuplicates(db, signedInContext(request)),
  }));

  app.post(
    '/api/directory/duplicates/merge',
    { schema: { body: ZMergeBody, tags: ['directory'] }, config: manage },
    async (request) => transfer.mergeListings(db, signedInContext(request), request.body),
  );
}
