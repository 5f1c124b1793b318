import type { PageRoute } from '../../app/page-route';
import { HomeGate } from './HomeGate';

// Public: signed-out visitors get the public app's home; signed-in users their own (HomeGate).
// The menu's "Home" link is still for every signed-in user (a public page listed for all).
export const HOME_ROUTES: PageRoute[] = [
  { path: '', access: 'public', page: HomeGate, menu: { text: 'Home', order: 0, summary: '' } },
];
