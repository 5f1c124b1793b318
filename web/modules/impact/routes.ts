import { lazyPage, type PageRoute } from '../../app/page-route';

// biome-ignore format: one page a line, read as a table
export const IMPACT_ROUTES: PageRoute[] = [
  { path: 'partner/impact', access: ['partner.impact'], page: lazyPage(() => import('./ImpactPage'), 'PartnerImpactPage'), menu: { text: 'Our impact', order: 115, summary: 'See what happened to the people referred to your services: referrals, attendance, outcomes.' } },
  { path: 'directory/organisations/:id/impact', access: ['impact.read'], page: lazyPage(() => import('./ImpactPage'), 'OrganisationImpactPage') },
];
