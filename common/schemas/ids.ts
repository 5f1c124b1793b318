import { z } from 'zod';

/** A path parameter `:id` that must be a UUID; the message says what kind of record it names. */
export const zIdParam = (message: string) => z.object({ id: z.uuid(message) });

/** `:id` of a referral (or of the case it became): several modules' routes take one. */
export const ZReferralIdParam = zIdParam('must be a valid referral id');
