import type { PageRoute } from '../../app/page-route';

// biome-ignore format: one page a line, read as a table
export const ONWARD_REFERRAL_ROUTES: PageRoute[] = [];
