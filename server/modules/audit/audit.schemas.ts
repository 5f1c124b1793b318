import { z } from 'zod';

const ZDate = z.iso.date('must be a date like 2026-11-22');

export const ZAuditSearch = z
  .object({
    actor: z.string().trim().max(200, 'must be at most 200 characters').optional(),
    action: z.string().trim().max(100, 'must be at most 100 characters').optional(),
    outcome: z.enum(['success', 'denied', 'failure'], { message: 'must be success, denied or failure' }).optional(),
    entity: z.string().trim().max(100, 'must be at most 100 characters').optional(),
    from: ZDate.optional(),
    to: ZDate.optional(),
    before: z
      .string()
      .regex(/^[0-9]{1,19}$/, 'must be an audit event id')
      .optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must be on or after the "from" date', path: ['to'] });

export type TAuditSearch = z.infer<typeof ZAuditSearch>;
