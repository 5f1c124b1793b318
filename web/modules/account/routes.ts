import { lazyPage, type PageRoute } from '../../app/page-route';
import { AccountPage } from './AccountPage';

// biome-ignore format: one page a line, read as a table
export const ACCOUNT_ROUTES: PageRoute[] = [
  { path: 'account', access: 'signed-in', page: AccountPage, menu: { text: 'Your account', order: 170, inMenu: false, summary: 'See your details and set up two-factor authentication.' } },
  { path: 'account/password', access: 'signed-in', page: lazyPage(() => import('./ChangePasswordPage'), 'ChangePasswordPage') },
];
