import type { SectionBuilder, SectionName } from '../figures.js';
import { buildCapacity } from './capacity.js';
import { demandSection } from './demand.js';
import { buildEquality } from './equality.js';
import { flowSection } from './flow.js';
import { nationalSection } from './national.js';
import { buildOnward } from './onward.js';
import { buildOutcomes } from './outcomes.js';
import { waitsSection } from './waits.js';

// Which builder answers each dashboard section. Each lives in its own file beside this one.
// Sections still missing a builder answer 404 (the registry is the single source of truth for
// GET /api/analytics/:section).
export const SECTION_BUILDERS: Partial<Record<SectionName, SectionBuilder>> = {
  // api-a's sections
  demand: demandSection,
  flow: flowSection,
  waits: waitsSection,
  national: nationalSection,
  // api-b's sections
  capacity: buildCapacity,
  outcomes: buildOutcomes,
  onward: buildOnward,
  equality: buildEquality,
};
