// The showcase (issue 12, point 7): what other parts of the directory read of it — a listing's
// upcoming events (listing pages) and the pending proposals of new listings (review queue).
export { upcomingEventsOf } from './use-cases/events.js';
export { pendingProposalsOf } from './use-cases/proposals.js';
