import { z } from 'zod';

export const ZTaskIdParam = z.object({ id: z.uuid('must be a valid task id') });
