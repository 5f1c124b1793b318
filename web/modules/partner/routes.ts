import type { PageRoute } from '../../app/page-route';

// biome-ignore format: one page a line, read as a table
export const PARTNER_ROUTES: PageRoute[] = [];
