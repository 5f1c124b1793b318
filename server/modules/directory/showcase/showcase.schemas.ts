import { z } from 'zod';
import { ZListingInput } from '../listings/listings.service.js';

// Request schemas of the showcase beyond those shared with the web app (common/showcase.ts).

export const ZEventIdParam = z.object({ eventId: z.uuid('must be an event id') });
export const ZProposalIdParam = z.object({ proposalId: z.uuid('must be a proposal id') });

/** A brand-new listing, in the shape of the listing edit form; it has no id until approved. */
export const ZProposeListingBody = z.object({ proposed: ZListingInput });
export type TProposeListingBody = z.output<typeof ZProposeListingBody>;
