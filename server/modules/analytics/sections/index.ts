import type { SectionBuilder, SectionName } from '../figures.js';
import { buildCapacity } from './capacity.js';
import { demandSection } from './demand.js';
import { buildEquality } from './equality.js';
import { flowSection } from './flow.js';
import { nationalSection } from './national.js';
import { buildOnward } from './onward.js';
import { buildOutcomes } from './outcomes.js';
import { waitsSection } from './waits.js';

// Which builder answers each dashboard section. Each lives in its own file beside this one; a
// name not in this registry answers 404 (GET /api/analytics/:section).
export const SECTION_BUILDERS: Record<SectionName, SectionBuilder> = {
  demand: demandSection,
  flow: flowSection,
  waits: waitsSection,
  national: nationalSection,
  capacity: buildCapacity,
  outcomes: buildOutcomes,
  onward: buildOnward,
  equality: buildEquality,
};
