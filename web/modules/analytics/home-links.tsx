import { Suspense } from 'react';
import { Link } from 'react-router';
import { lazyPage } from '../../app/page-route';

// The home page's ways into the figures. Nothing here may import the analytics schemas or the
// charts: the home page is in the first download, which stays under 150 kB gzip.

const LazyFiguresCards = lazyPage(() => import('./FiguresCards'), 'FiguresCards');

/** A card for each section, for the commissioner (loaded after the home page itself). */
export function FiguresCardsOnHome() {
  return (
    <Suspense fallback={null}>
      <LazyFiguresCards />
    </Suspense>
  );
}

/** The team lead's way to their own PCN's figures (a lead sees no other PCN). */
export function OwnPcnFiguresLink({ pcnName }: { pcnName: string }) {
  return (
    <p>
      <Link to="/analytics/demand">See the figures for {pcnName}</Link>: demand, waits, your team’s capacity, outcomes
      and equality, exact and month by month.
    </p>
  );
}
