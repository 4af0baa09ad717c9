/** The review workspace's forms and queries: groups, comments, the final text, publishing. */
import { z } from 'zod';
import { OUTCOMES } from '../../db/schema.ts';
import { checkbox, choice, firstString, id, ids, m, text } from './fields.ts';

/** The longest summary (意見の概要), response (市の考え方) and revision note. */
export const SUMMARY_MAX = 4000;
export const RESPONSE_MAX = 10_000;
/** A section of the final text: as long as a section of the draft may be. */
export const FINAL_BODY_MAX = 200_000;

const optionalId = (message: string) =>
  z
    .unknown()
    .optional()
    .transform((value, ctx): number | undefined => {
      if (firstString(value).trim() === '') return undefined;
      const parsed = id(message).safeParse(value);
      if (parsed.success) return parsed.data;
      ctx.issues.push({ code: 'custom', message, input: '' });
      return z.NEVER;
    });

/** The filter of the comment list; it travels in the address and in hidden fields of its forms. */
const filterFields = {
  section: optionalId(m('該当箇所を選び直してください。', 'Choose a section from the list.')),
  q: text({ max: 200, line: true }),
  ungrouped: checkbox(),
};

export const workspaceQuery = z.object({
  ...filterFields,
  /** Continue the list after this comment (keyset paging). */
  after: optionalId(m('ページの指定が正しくありません。', 'That page does not exist.')),
});
export type WorkspaceFilter = z.output<typeof workspaceQuery>;

export const pageQuery = z.object({
  after: optionalId(m('ページの指定が正しくありません。', 'That page does not exist.')),
});

const summary = text({
  max: SUMMARY_MAX,
  required: m('意見の概要を入力してください。', 'Enter the summary.'),
});
const outcome = choice(OUTCOMES, m('修正の有無を選び直してください。', 'Choose a valid outcome.'));
const sectionIds = ids({
  max: 1000,
  message: m('該当箇所を選び直してください。', 'Choose sections from the list.'),
});

const groupFields = {
  summary,
  response: text({ max: RESPONSE_MAX }),
  outcome,
  revision_note: text({ max: RESPONSE_MAX }),
  section_ids: sectionIds,
};

export const groupCreateSchema = z.object({ ...groupFields, ...filterFields });

/** A group's texts; 修正あり needs the revision described. */
export const groupUpdateSchema = z.object(groupFields).superRefine((v, ctx) => {
  if (v.outcome === 'revised' && !v.revision_note) {
    ctx.addIssue({
      code: 'custom',
      path: ['revision_note'],
      message: m(
        '「修正あり」の場合は修正内容を入力してください。',
        'Describe the revision when the draft is revised.',
      ),
    });
  }
});

/** A page lists at most this many comments to tick. */
const PICK_MAX = 500;
const selected = ids({
  max: PICK_MAX,
  message: m('意見を選び直してください。', 'Choose comments from the list.'),
}).refine((list) => list.length > 0, m('意見を1件以上選んでください。', 'Select at least one comment.'));

export const assignSchema = z.object({
  ...filterFields,
  comment_ids: selected,
  group_id: id(m('移動先のグループを選んでください。', 'Choose the group to put them in.')),
});

export const identicalSchema = z.object({
  key: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  token: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
});

export const membersSchema = z.object({
  comment_ids: selected,
  op: choice(['remove', 'split'] as const, m('操作を選び直してください。', 'Choose what to do.')),
  split_summary: text({ max: SUMMARY_MAX }),
});

export const mergeSchema = z.object({
  into: id(m('統合先のグループを選んでください。', 'Choose the group to merge into.')),
});

export const commentGroupSchema = z.object({
  group_id: id(m('グループを選んでください。', 'Choose a group.')),
});

export const excludeSchema = z.object({
  reason: text({
    max: 500,
    line: true,
    required: m('対象外とする理由を入力してください。', 'Enter the reason for excluding it.'),
  }),
});

const heading = (required?: string) => text({ max: 300, line: true, required });
const finalBody = text({ max: FINAL_BODY_MAX });

/** One section of the final text: a heading unless the section is removed. */
export const finalSectionSchema = z
  .object({ heading: heading(), body: finalBody, removed: checkbox() })
  .superRefine((v, ctx) => {
    if (!v.heading && !v.removed) {
      ctx.addIssue({
        code: 'custom',
        path: ['heading'],
        message: m('見出しを入力してください。', 'Enter the heading.'),
      });
    }
  });

export const finalNewSectionSchema = z.object({
  number: text({ max: 40, line: true }),
  heading: heading(m('見出しを入力してください。', 'Enter the heading.')),
  body: finalBody,
});

export const publishSchema = z.object({
  result_note: text({ max: RESPONSE_MAX }),
  policy_dropped: checkbox(),
});
