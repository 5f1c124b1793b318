import { z } from 'zod';
import { zDate } from '../../../common/schemas/dates.js';
import { zInt8Id } from '../../../common/schemas/numbers.js';
import { zText } from '../../../common/schemas/text.js';

const ZDate = zDate('must be a date like 2026-11-22');

export const ZAuditSearch = z
  .object({
    actor: zText(200).optional(),
    action: zText(100).optional(),
    outcome: z.enum(['success', 'denied', 'failure'], { message: 'must be success, denied or failure' }).optional(),
    entity: zText(100).optional(),
    from: ZDate.optional(),
    to: ZDate.optional(),
    before: zInt8Id('must be an audit event id').optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must be on or after the "from" date', path: ['to'] });

export type TAuditSearch = z.infer<typeof ZAuditSearch>;
