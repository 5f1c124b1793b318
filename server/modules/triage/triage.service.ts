// The triage use-cases (DESIGN.md §2 step 2). Other modules call triage through this file only.

export { closeReferral, triageReferral } from './use-cases/decide-triage.js';
export { listTriageQueue, type QueueItem, type TriageQueue } from './use-cases/list-triage-queue.js';

export {
  getTriageSettings,
  saveTriageSettings,
  type TriageSettings,
  triageTargets,
} from './use-cases/triage-settings.js';
