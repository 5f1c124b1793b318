// The listings of the Directory of Services: the one writer and reader every directory feature
// (search, /oruk, maintenance, moderation, import, demo data) goes through.
export { EMPTY_LISTING, toListingInput } from '../../../../common/directory.js';
export { OF_ANOTHER_LISTING } from './child-ownership.js';
export { diffListings } from './diff.js';
export type { ChangeAuthor } from './history.js';
export { ZListingInput } from './listing.schemas.js';
export { markListingMerged } from './merge.js';
export {
  type ListingRows,
  listingHistory,
  listingsFromRows,
  loadListing,
  loadListings,
  locationFromRow,
  publicListing,
  reviewDueOn,
} from './read.js';
export { categoryTermId, ensureSocialPrescribingTaxonomy, serviceAtLocationId, stableUuid } from './taxonomy.js';
export {
  assureListing,
  createDirectoryOrganization,
  createListing,
  parseListing,
  setListingStatus,
  updateListing,
} from './write.js';
