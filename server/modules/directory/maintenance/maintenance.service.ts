// Keeping the directory up to date (issue 5, point 4): the review queue and reviewers' actions,
// VCS partners' proposed changes and their moderation. Every change to a listing goes through
// the listings writer, so its HSDS history is complete.
export { approveChange, getChange, rejectChange } from './use-cases/moderation.js';
export { getOurListing, listOurListings, proposeChange } from './use-cases/partner-listings.js';
export {
  confirmUnchanged,
  dismissReport,
  editListing,
  getListingForReview,
  retireListing,
} from './use-cases/review-listing.js';
export { getReviewQueue } from './use-cases/review-queue.js';
