/**
 * The one-time link that creates the first administrator (/setup/:token), printed at start
 * while no active administrator exists. It also asks for the city's name, which every page
 * shows (the rest of the city's settings are on /staff/admin/settings).
 */
import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { type SetupForm, SetupPage } from '../../../views/pages/auth/SetupPage.tsx';
import { isEmailRegistered } from '../../data/users.ts';
import type { AppEnv } from '../../env.ts';
import { area, pageCtx, seeOther } from '../../http/render.tsx';
import { sessionCookie, setSessionCookie } from '../../http/session.ts';
import { type FieldErrors, formValues, validatorsFor } from '../../http/validate.ts';
import { type Lang, t } from '../../lib/i18n.ts';
import { setupSchema } from '../../schemas/auth.ts';
import { createFirstAdmin, setupLinkUsable } from '../../usecases/sign-in.ts';

type C = Context<AppEnv>;

function invalidSetupLink(lang: Lang): never {
  throw new HTTPException(404, {
    message: t(
      lang,
      'この登録用リンクは使えません。すでに使われたか、期限（24時間）が切れたか、アドレスが正しくありません。サーバーを再起動すると、管理者がいない場合は新しいリンクが表示されます。',
      'This setup link cannot be used: it was already used, it expired (after 24 hours), or the address is wrong. If no administrator exists, restarting the server prints a new link.',
    ),
  });
}

// The page carries a secret link: never cached (the admin area's rules).
export const setup = new Hono<AppEnv>().use('/:token', area('admin'), async (c, next) => {
  if (!(await setupLinkUsable(c.var.db, c.req.param('token') ?? '', c.var.clock.now()))) {
    invalidSetupLink(c.var.lang);
  }
  await next();
});
const { form } = validatorsFor<AppEnv>();

const EMPTY = { email: '', display_name: '', city_name_ja: '', city_name_en: '' } satisfies SetupForm;

function setupPage(c: C, values: SetupForm, errors?: FieldErrors) {
  const page = (
    <SetupPage ctx={pageCtx(c)} token={c.req.param('token') ?? ''} form={values} errors={errors} />
  );
  const title = t(c.var.lang, '最初のシステム管理者の登録', 'Create the first administrator');
  return c.render(page, { title, status: errors ? 422 : 200 });
}

setup.get('/:token', (c) => setupPage(c, EMPTY));

setup.post(
  '/:token',
  form(
    (c) => setupSchema((email) => isEmailRegistered(c.var.db, email)),
    (c, input, errors) => setupPage(c, formValues(input, EMPTY), errors),
  ),
  async (c) => {
    const input = c.req.valid('form');
    const session = await createFirstAdmin(
      c.var.db,
      {
        setupToken: c.req.param('token'),
        email: input.email,
        displayName: input.display_name,
        password: input.password,
        city: { nameJa: input.city_name_ja, nameEn: input.city_name_en },
        ip: c.var.clientIp,
        previousToken: sessionCookie(c),
        sessionMaxHours: c.var.config.sessionMaxHours,
      },
      c.var.clock.now(),
    );
    if (!session) invalidSetupLink(c.var.lang);
    c.var.cityCache.changed();
    setSessionCookie(c, session);
    return seeOther(c, '/staff/admin');
  },
);
