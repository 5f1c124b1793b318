import type { SectionBuilder, SectionName } from '../figures.js';
import { demandSection } from './demand.js';
import { flowSection } from './flow.js';
import { nationalSection } from './national.js';
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
};
