import { z } from 'zod';
import { ROLES } from '../../../common/roles.js';

export const PASSWORD_MIN_LENGTH = 12;

// NIST 800-63B: length, no composition rules; long passphrases welcome.
export const ZPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(256, 'must be at most 256 characters');

export const ZEmail = z.string().trim().toLowerCase().pipe(z.email('must be an email address, like name@example.org'));

const ZBand = z
  .string()
  .trim()
  .regex(/^(1|2|3|4|5|6|7|8a|8b|8c|8d|9)$/, 'must be an Agenda for Change band: 1 to 7, 8a to 8d, or 9');
const ZFte = z.number().gt(0, 'must be more than 0').lte(1, 'must be at most 1 (full time)');
const ZCapacity = z.number().int('must be a whole number').min(0, 'must be 0 or more').max(500, 'must be at most 500');
const ZName = z.string().trim().min(2, 'must be at least 2 characters').max(120, 'must be at most 120 characters');

export const ZUserCreate = z.object({
  name: ZName,
  email: ZEmail,
  role: z.enum(ROLES, { message: `must be one of: ${ROLES.join(', ')}` }),
  organisationId: z.uuid('must be the id of an organisation'),
  password: ZPassword,
  band: ZBand.nullish(),
  fte: ZFte.nullish(),
  caseloadCapacity: ZCapacity.nullish(),
});

export const ZUserUpdate = z.object({
  version: z.number().int().min(1, 'must be the version you read'),
  name: ZName.optional(),
  role: z.enum(ROLES, { message: `must be one of: ${ROLES.join(', ')}` }).optional(),
  active: z.boolean().optional(),
  band: ZBand.nullish(),
  fte: ZFte.nullish(),
  caseloadCapacity: ZCapacity.nullish(),
});

export type TUserCreate = z.infer<typeof ZUserCreate>;
export type TUserUpdate = z.infer<typeof ZUserUpdate>;
