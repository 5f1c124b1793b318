import { z } from 'zod';
import { zText } from '../../../common/schemas/text.js';

// ODS-shaped codes (reference/nhs-data.md). Demo data invents codes in these shapes.
export const ZPcnCode = zText(20)
  .toUpperCase()
  .regex(/^U[0-9]{5}$/, 'must be a PCN ODS code: U followed by 5 digits, like U12345');
export const ZPracticeCode = zText(20)
  .toUpperCase()
  .regex(/^[A-Z][0-9]{5}$/, 'must be a GP practice ODS code: a letter then 5 digits, like B86001');
export const ZIcbCode = zText(20)
  .toUpperCase()
  .regex(/^[A-Z0-9]{3}$/, 'must be an ICB ODS code of 3 letters or digits, like QWO');
const ZName = zText(200).min(2, 'must be at least 2 characters');

export const ZPcnCreate = z.object({ icbId: z.uuid('must be an ICB id'), code: ZPcnCode, name: ZName });
export const ZPracticeCreate = z.object({ pcnId: z.uuid('must be a PCN id'), code: ZPracticeCode, name: ZName });
export const ZVcsCreate = z.object({
  icbId: z.uuid('must be an ICB id'),
  name: ZName,
  charityNumber: zText(20)
    .regex(/^[0-9]{6,8}(-[0-9]{1,2})?$/, 'must be a charity number of 6 to 8 digits, like 1123456')
    .nullish(),
});
export const ZIdParam = z.object({ id: z.uuid('must be a valid id') });

export type TPcnCreate = z.infer<typeof ZPcnCreate>;
export type TPracticeCreate = z.infer<typeof ZPracticeCreate>;
export type TVcsCreate = z.infer<typeof ZVcsCreate>;
