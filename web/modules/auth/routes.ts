import { lazyPage, type PageRoute } from '../../app/page-route';
import { SignInPage } from './SignInPage';

// biome-ignore format: one page a line, read as a table
export const AUTH_ROUTES: PageRoute[] = [
  { path: 'sign-in', access: 'public', page: SignInPage },
  { path: 'forgot-password', access: 'public', page: lazyPage(() => import('./ForgotPasswordPage'), 'ForgotPasswordPage') },
  { path: 'reset-password', access: 'public', page: lazyPage(() => import('./ResetPasswordPage'), 'ResetPasswordPage') },
];
