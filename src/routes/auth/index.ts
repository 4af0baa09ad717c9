/**
 * Accounts from the person's side: signing in and out (/login, /logout), one's own account
 * (/account) and the one-time link that creates the first administrator (/setup/:token).
 * The rules and writes are in src/usecases/sign-in.ts; the forms in src/schemas/auth.ts.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../env.ts';
import { account } from './account.tsx';
import { login } from './login.tsx';
import { setup } from './setup.tsx';

export const auth = new Hono<AppEnv>().route('/', login).route('/account', account).route('/setup', setup);
