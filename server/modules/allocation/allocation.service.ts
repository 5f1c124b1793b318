// Allocation, caseload, first contact and cover (DESIGN.md §2 step 3). Other modules call
// allocation through this file only.

export { roleByRules } from './allocation-rules.js';
export { type AllocateAllResult, allocateAll } from './use-cases/allocate-all.js';
export { allocateReferral } from './use-cases/allocate-referral.js';
export { type Caseload, type CaseloadItem, listCaseload, teamCaseloads } from './use-cases/caseload.js';
export { endCover, handoverPlan, startCover, teamWorkload } from './use-cases/cover.js';
export { recordFirstContact } from './use-cases/record-first-contact.js';
export { type AllocationSuggestionView, getAllocationSuggestion } from './use-cases/suggest-allocation.js';
