import type { PageRoute } from '../../app/page-route';
import { HomePage } from './HomePage';

export const HOME_ROUTES: PageRoute[] = [
  { path: '', access: 'signed-in', page: HomePage, menu: { text: 'Home', order: 0, summary: '' } },
];
