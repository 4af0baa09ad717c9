/**
 * The city's settings (/staff/admin/settings): its name, the links every page shows, the notice
 * of how comments are used, the defaults of a new consultation, and its logo. The use cases
 * write and audit (src/usecases/city.ts); after a change this room tells the app's copy of the
 * settings (`c.var.cityCache.changed()`), so the next page already shows it.
 */
import { type Context, Hono } from 'hono';
import { type CitySettingsForm, CitySettingsPage } from '../../../views/pages/admin/CitySettingsPage.tsx';
import type { SignedInEnv } from '../../env.ts';
import { pageCtx, seeOther } from '../../http/render.tsx';
import { type FieldErrors, formValues, validatorsFor } from '../../http/validate.ts';
import type { City, CitySettings } from '../../lib/city.ts';
import { t } from '../../lib/i18n.ts';
import { type CitySettingsInput, citySettingsSchema, logoSchema } from '../../schemas/city.ts';
import { removeCityLogo, replaceCityLogo, saveCitySettings } from '../../usecases/city.ts';

type C = Context<SignedInEnv>;

/** The stored settings as the form shows them. */
function formOf(city: City): CitySettingsForm {
  return {
    city_name_ja: city.nameJa,
    city_name_en: city.nameEn,
    site_url: city.links.site,
    privacy_url: city.links.privacy,
    accessibility_url: city.links.accessibility,
    contact_url: city.links.contact,
    notice_ja: city.noticeJa,
    notice_en: city.noticeEn,
    default_period_days: String(city.defaultPeriodDays),
    default_max_comment_length: String(city.defaultMaxCommentLength),
  };
}

/** The form's values as the settings keep them. */
function settingsOf(v: CitySettingsInput): CitySettings {
  return {
    nameJa: v.city_name_ja,
    nameEn: v.city_name_en,
    links: {
      site: v.site_url,
      privacy: v.privacy_url,
      accessibility: v.accessibility_url,
      contact: v.contact_url,
    },
    noticeJa: v.notice_ja,
    noticeEn: v.notice_en,
    defaultPeriodDays: v.default_period_days ?? 30,
    defaultMaxCommentLength: v.default_max_comment_length ?? 4000,
  };
}

function settingsPage(
  c: C,
  o: { values?: CitySettingsForm; errors?: FieldErrors; logoErrors?: FieldErrors } = {},
) {
  const failed = o.errors ?? o.logoErrors;
  const page = (
    <CitySettingsPage
      ctx={pageCtx(c)}
      values={o.values ?? formOf(c.var.city)}
      logoUrl={c.var.city.logoUrl}
      notice={c.req.method === 'GET' ? c.req.query('done') : undefined}
      errors={o.errors}
      logoErrors={o.logoErrors}
    />
  );
  return c.render(page, { title: t(c.var.lang, '市の設定', 'City settings'), status: failed ? 422 : 200 });
}

const { form } = validatorsFor<SignedInEnv>();

export const settings = new Hono<SignedInEnv>()
  .get('/', (c) => settingsPage(c))
  .post(
    '/',
    form(citySettingsSchema, (c, input, errors) =>
      settingsPage(c, { values: formValues(input, formOf(c.var.city)), errors }),
    ),
    async (c) => {
      const changed = await saveCitySettings(
        c.var.db,
        c.var.actor,
        settingsOf(c.req.valid('form')),
        c.var.clock.now(),
      );
      if (changed) c.var.cityCache.changed();
      return seeOther(c, `/staff/admin/settings?done=${changed ? 'saved' : 'unchanged'}`);
    },
  )
  .post(
    '/logo',
    form(logoSchema, (c, _input, logoErrors) => settingsPage(c, { logoErrors })),
    async (c) => {
      await replaceCityLogo(c.var.db, c.var.actor, c.req.valid('form').logo, c.var.clock.now());
      c.var.cityCache.changed();
      return seeOther(c, '/staff/admin/settings?done=logo#logo');
    },
  )
  .post('/logo/delete', async (c) => {
    if (await removeCityLogo(c.var.db, c.var.actor, c.var.clock.now())) c.var.cityCache.changed();
    return seeOther(c, '/staff/admin/settings?done=logo_removed#logo');
  });
