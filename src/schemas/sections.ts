/**
 * Staff forms about the sections of a draft: a section before publishing, its place in the
 * order, and a correction (正誤) after publishing, which is checked against the section it changes.
 */
import { z } from 'zod';
import { SECTION_BODY_MAX, SECTION_HEADING_MAX, SECTION_NUMBER_MAX } from '../lib/limits.ts';
import { choice, firstString, m, sent, text } from './fields.ts';

/** Cross-field checks run even when another field failed, so every message shows at once. */
const ALWAYS = { when: () => true };

const HEADING_REQUIRED = m('見出しを入力してください。', 'Enter a heading.');

const number = text({ max: SECTION_NUMBER_MAX, line: true });
const heading = text({ max: SECTION_HEADING_MAX, line: true });
const body = text({ max: SECTION_BODY_MAX });

export const sectionSchema = z
  .object({
    // Nothing chosen means the top level, where the select starts.
    level: choice(['1', '2', '3', '4'], m('1から4を選んでください。', 'Choose 1 to 4.')).transform((v) =>
      Number(v || '1'),
    ),
    number,
    heading,
    body_md: body,
  })
  .superRefine((v, ctx) => {
    // A section is named by its number or its heading: one of them must be there.
    if (v.heading === '' && v.number === '') {
      ctx.issues.push({ code: 'custom', message: HEADING_REQUIRED, path: ['heading'], input: '' });
    }
  }, ALWAYS);

export type SectionInput = z.output<typeof sectionSchema>;

export const sectionFormDefaults = { level: '1', number: '', heading: '', body_md: '' };

export const moveSchema = z.object({
  direction: sent().transform((v): 'up' | 'down' => (firstString(v) === 'up' ? 'up' : 'down')),
});

/** A correction must change something, and says what it changed in a public note. */
export function correctionSchema(section: { number: string; heading: string; body_md: string }) {
  return z
    .object({
      heading,
      body_md: body,
      note: text({
        max: 2000,
        required: m(
          '訂正の内容を入力してください（公表されます）。',
          'Describe the correction (it is published).',
        ),
      }),
    })
    .superRefine((v, ctx) => {
      if (v.heading === '' && section.number === '') {
        ctx.issues.push({ code: 'custom', message: HEADING_REQUIRED, path: ['heading'], input: '' });
      } else if (v.heading === section.heading && v.body_md === section.body_md) {
        ctx.issues.push({
          code: 'custom',
          path: ['body_md'],
          input: '',
          message: m(
            '現在の内容から変更がありません。訂正後の内容を入力してください。',
            'Nothing differs from the current text. Enter the corrected text.',
          ),
        });
      }
    }, ALWAYS);
}

export const correctionFormDefaults = { heading: '', body_md: '', note: '' };
