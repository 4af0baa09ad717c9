/** The forms of the suggested groups (/review/suggestions): adopt, rename, merge, drop, restore. */
import { z } from 'zod';
import { allStrings, int, m, text } from './fields.ts';
import { SUMMARY_MAX } from './review.ts';

/** The analysis the page was showing: choices apply to that analysis only. */
const version = int({
  min: 0,
  max: 2 ** 40,
  required: true,
  message: m('ページを読み込み直してください。', 'Please reload the page.'),
}).transform((v): number => v ?? -1);

const summary = text({
  max: SUMMARY_MAX,
  required: m('意見の概要を入力してください。', 'Enter the summary.'),
});

/** '' (the draft as a whole) or a section id; the use case keeps only the draft's own sections. */
const sectionId = int({
  min: 1,
  max: 999_999_999,
  message: m('該当箇所を選び直してください。', 'Choose a section from the list.'),
});

export const adoptSuggestionSchema = z.object({ version, summary, section_id: sectionId });
export const renameSuggestionSchema = z.object({ version, summary });
export const suggestionVersionSchema = z.object({ version });

/** An engine group id: t1.g2. */
export const SUGGESTION_ID = /^t\d{1,6}\.g\d{1,6}$/;

export const mergeSuggestionsSchema = z.object({
  version,
  ids: z
    .unknown()
    .optional()
    .transform((value, ctx): string[] => {
      const list = allStrings(value);
      const ok = list.length <= 200 && list.every((id) => SUGGESTION_ID.test(id));
      const unique = [...new Set(list)];
      if (!ok || unique.length < 2) {
        ctx.issues.push({
          code: 'custom',
          message: m('統合する提案を二つ以上選んでください。', 'Choose two or more suggestions to merge.'),
          input: '',
        });
        return z.NEVER;
      }
      return unique;
    }),
});
