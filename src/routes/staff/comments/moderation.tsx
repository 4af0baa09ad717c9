/**
 * One comment as staff see it, and moderation: hiding with a reason, showing again, and
 * redacting personal data from the published text. Nothing a citizen sent is ever deleted.
 */
import { Hono } from 'hono';
import { CommentPage, type CommentPageProps } from '../../../../views/pages/staff/comments/CommentPage.tsx';
import { RedactPage } from '../../../../views/pages/staff/comments/RedactPage.tsx';
import {
  decodeSpan,
  detectPersonalData,
  encodeSpan,
  findManualSpans,
  mergeSpans,
  type RedactionKind,
  type RedactionSpan,
} from '../../../domain/redaction.ts';
import type { ConsultationEnv } from '../../../env.ts';
import { pageCtx, seeOther } from '../../../http/render.tsx';
import { type FieldErrors, type FormInput, formValues, validatorsFor } from '../../../http/validate.ts';
import { commentsPath } from '../../../lib/comments.ts';
import { t } from '../../../lib/i18n.ts';
import { hideSchema, redactSchema, unhideSchema } from '../../../schemas/comments.ts';
import { hideComment, redactComment, unhideComment } from '../../../usecases/moderation.ts';
import { type C, draftSections, loadComment, sectionNamer } from './shared.ts';

export const moderation = new Hono<ConsultationEnv>();
const { form } = validatorsFor<ConsultationEnv>();

const COMMENT = '/:commentId{[0-9]+}';

type Found = Awaited<ReturnType<typeof loadComment>>;

/** The comment page's props from what the query found. */
function commentView(found: Found, name: (id: number) => string): CommentPageProps['data'] {
  return {
    comment: found.comment,
    sections: found.sections.map((s) => name(s.id)),
    enteredBy: found.enteredBy,
    hiddenBy: found.hiddenBy,
    importBatch: found.importBatch,
    events: found.events.map((e) => ({
      action: e.action,
      reason: e.reason,
      note: e.note,
      at: e.at,
      by: e.display_name || e.email || '',
    })),
  };
}

async function commentPage(c: C, extra: Pick<CommentPageProps, 'hideForm' | 'errors'> = {}, status?: 422) {
  const page = (
    <CommentPage
      ctx={pageCtx(c)}
      consultation={c.var.consultation}
      data={commentView(await loadComment(c), sectionNamer(await draftSections(c)))}
      entered={status === undefined && c.req.query('entered') === '1'}
      {...extra}
    />
  );
  const title =
    status === undefined
      ? t(c.var.lang, '意見の詳細', 'Comment')
      : t(c.var.lang, '入力内容の確認が必要です', 'Please check the form');
  return c.render(page, status === undefined ? { title } : { title, status });
}

moderation.get(COMMENT, (c) => commentPage(c));

moderation.post(
  `${COMMENT}/hide`,
  form(hideSchema, (c, input, errors) =>
    commentPage(c, { hideForm: formValues(input, { reason: '', note: '' }), errors }, 422),
  ),
  async (c) => {
    const { comment } = await loadComment(c);
    const { reason, note } = c.req.valid('form');
    await hideComment(
      c.var.db,
      { commentId: comment.id, reason: reason as Exclude<typeof reason, ''>, note, actor: c.var.actor },
      c.var.clock.now(),
    );
    return seeOther(c, commentsPath(c.var.consultation.id, `/${comment.id}`));
  },
);

moderation.post(
  `${COMMENT}/unhide`,
  form(unhideSchema, (c, _input, errors) => commentPage(c, { errors }, 422)),
  async (c) => {
    const { comment } = await loadComment(c);
    const { note } = c.req.valid('form');
    await unhideComment(c.var.db, { commentId: comment.id, note, actor: c.var.actor }, c.var.clock.now());
    return seeOther(c, commentsPath(c.var.consultation.id, `/${comment.id}`));
  },
);

/** What detection suggests for this comment, its submitter's own details included. */
const suggested = ({ comment: m }: Found): RedactionSpan[] =>
  detectPersonalData(m.body, {
    name: m.name,
    address: m.address,
    phone: m.phone,
    email: m.email,
    organisationName: m.organisation_name,
    representative: m.representative,
  });

const savedSpans = (found: Found): RedactionSpan[] =>
  found.redactions.map((r) => ({ start: r.start, end: r.end, kind: r.kind as RedactionKind }));

function redactPage(
  c: C,
  found: Found,
  view: { spans: RedactionSpan[]; checked: Set<string>; addText: string; errors?: FieldErrors },
) {
  const m = found.comment;
  const page = (
    <RedactPage
      ctx={pageCtx(c)}
      consultation={c.var.consultation}
      comment={m}
      spans={view.spans.map((s) => ({ ...s, value: encodeSpan(s) }))}
      checked={view.checked}
      addText={view.addText}
      preview={m.body_redacted ?? m.body}
      errors={view.errors}
    />
  );
  return view.errors
    ? c.render(page, {
        title: t(c.var.lang, '入力内容の確認が必要です', 'Please check the form'),
        status: 422,
      })
    : c.render(page, { title: t(c.var.lang, '個人情報などの削除', 'Redact') });
}

moderation.get(`${COMMENT}/redact`, async (c) => {
  const found = await loadComment(c);
  const saved = savedSpans(found);
  const spans = mergeSpans([...saved, ...suggested(found)]);
  // First time: every suggestion is ticked. After a save: what was saved.
  const firstTime = saved.length === 0 && found.comment.body_redacted === null;
  const checked = new Set((firstTime ? spans : saved).map(encodeSpan));
  return redactPage(c, found, { spans, checked, addText: '' });
});

/** The ticked spans that are real spans of this comment's text. */
function pickedSpans(input: FormInput | { span: string[] }, body: string): RedactionSpan[] {
  const values = Array.isArray(input.span) ? input.span : [];
  return values
    .filter((v): v is string => typeof v === 'string')
    .map((v) => decodeSpan(v, body.length))
    .filter((s): s is RedactionSpan => s !== null);
}

moderation.post(
  `${COMMENT}/redact`,
  form(redactSchema, async (c, input, errors) => {
    const found = await loadComment(c);
    const picked = pickedSpans(input, found.comment.body);
    const spans = mergeSpans([...savedSpans(found), ...suggested(found), ...picked]);
    const addText = formValues(input, { add_text: '' }).add_text;
    return redactPage(c, found, { spans, checked: new Set(picked.map(encodeSpan)), addText, errors });
  }),
  async (c) => {
    const found = await loadComment(c);
    const m = found.comment;
    const input = c.req.valid('form');
    const picked = pickedSpans(input, m.body);
    const manual = findManualSpans(m.body, input.add_text);
    if (input.add_text && manual.length === 0) {
      const spans = mergeSpans([...savedSpans(found), ...suggested(found), ...picked]);
      const errors = {
        add_text: t(
          c.var.lang,
          'この文字列は原文にありません。原文のとおりに入力してください。',
          'This text is not in the original. Type it exactly as it appears.',
        ),
      };
      return redactPage(c, found, {
        spans,
        checked: new Set(picked.map(encodeSpan)),
        addText: input.add_text,
        errors,
      });
    }
    const spans = mergeSpans([...picked, ...manual]);
    await redactComment(
      c.var.db,
      { commentId: m.id, body: m.body, spans, actor: c.var.actor },
      c.var.clock.now(),
    );
    return seeOther(c, commentsPath(c.var.consultation.id, `/${m.id}`));
  },
);
