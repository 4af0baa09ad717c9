/** The city's settings page (/staff/admin/settings) and the city's name at the first setup. */
import { z } from 'zod';
import { CITY_LIMITS } from '../lib/city.ts';
import { checkUpload } from '../lib/download.ts';
import { formatBytes } from '../lib/format.ts';
import { firstFile, int, m, sent, text } from './fields.ts';

/** The city's name in Japanese (required) and English, as the first setup also asks. */
export const cityNameShape = {
  city_name_ja: text({
    max: CITY_LIMITS.name,
    line: true,
    required: m(
      '市の名前を入力してください（例：○○市）。',
      'Enter the city’s name in Japanese, as the city writes it.',
    ),
  }),
  city_name_en: text({ max: CITY_LIMITS.name, line: true }),
};

const badUrl = m(
  'https:// または http:// で始まるアドレスを入力してください。',
  'Enter an address that starts with https:// or http://.',
);

/** A web address, or '' for none. */
const webAddress = text({ max: CITY_LIMITS.url, line: true }).refine((v) => {
  if (v === '') return true;
  if (!/^https?:\/\//i.test(v)) return false;
  try {
    return new URL(v).hostname !== '';
  } catch {
    return false;
  }
}, badUrl);

const { periodDays, maxCommentLength } = CITY_LIMITS;

export const citySettingsSchema = z.object({
  ...cityNameShape,
  site_url: webAddress,
  privacy_url: webAddress,
  accessibility_url: webAddress,
  contact_url: webAddress,
  notice_ja: text({ max: CITY_LIMITS.notice }),
  notice_en: text({ max: CITY_LIMITS.notice }),
  default_period_days: int({
    ...periodDays,
    required: true,
    message: m(
      `${periodDays.min}から${periodDays.max}までの日数を入力してください（行政手続法の定めにより30日以上）。`,
      `Enter a number of days from ${periodDays.min} to ${periodDays.max} (the law asks for at least 30).`,
    ),
  }),
  default_max_comment_length: int({
    ...maxCommentLength,
    required: true,
    message: m('100から100000までの数を入力してください。', 'Enter a number from 100 to 100,000.'),
  }),
});

export type CitySettingsInput = z.output<typeof citySettingsSchema>;

/** A logo: a PNG, JPEG, GIF or WebP image checked by its extension and its first bytes. */
export const logoSchema = z.object({
  logo: sent().transform(async (value, ctx) => {
    const fail = (message: string) => {
      ctx.issues.push({ code: 'custom', message, input: '' });
      return z.NEVER;
    };
    const file = firstFile(value);
    if (!file) return fail(m('画像ファイルを選んでください。', 'Choose an image file.'));
    const max = CITY_LIMITS.logoBytes;
    if (file.size > max) {
      return fail(
        m(
          `画像が大きすぎます。${formatBytes(max, 'ja')}までにしてください。`,
          `The image is too large: the limit is ${formatBytes(max, 'en')}.`,
        ),
      );
    }
    const data = new Uint8Array(await file.arrayBuffer());
    const check = checkUpload(file.name, data, max);
    if (!check.ok || !/^image\/(png|jpeg|gif|webp)$/.test(check.contentType)) {
      return fail(
        m(
          'PNG、JPEG、GIF、WebP のいずれかの画像を選んでください（中身が拡張子と一致している必要があります）。',
          'Choose a PNG, JPEG, GIF or WebP image (its content must match its extension).',
        ),
      );
    }
    return { filename: check.filename, contentType: check.contentType, data };
  }),
});
