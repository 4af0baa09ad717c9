/**
 * One comment (/review/comments/:cid): put it in a group, take it out, exclude it with a
 * reason or include it again. The page loads that comment only.
 */
import { Hono } from 'hono';
import { CommentPage } from '../../../../views/pages/staff/review/CommentPage.tsx';
import { assignComments, findGroup, findReviewComment, setCommentExcluded } from '../../../data/groups.ts';
import { listGroupChoices } from '../../../data/results.ts';
import type { ConsultationEnv } from '../../../env.ts';
import { notFound } from '../../../http/errors.ts';
import { pageCtx, seeOther } from '../../../http/render.tsx';
import { type FieldErrors, formValues, validatorsFor } from '../../../http/validate.ts';
import { t } from '../../../lib/i18n.ts';
import { positiveInt } from '../../../lib/params.ts';
import { reviewBase } from '../../../lib/review-paths.ts';
import { commentGroupSchema, excludeSchema } from '../../../schemas/review.ts';
import { type C, sectionOptions } from './shared.ts';

export const comments = new Hono<ConsultationEnv>();
const { form } = validatorsFor<ConsultationEnv>();

/** The id of the comment named by `:cid`, or 404 when it is not this consultation's. */
async function loadComment(c: C) {
  const cid = positiveInt(c.req.param('cid'));
  const comment =
    cid === undefined ? undefined : await findReviewComment(c.var.db, c.var.consultation.id, cid);
  if (!comment) throw notFound(c.var.lang);
  return comment;
}

async function renderComment(c: C, errors: FieldErrors = {}, reason = '') {
  const comment = await loadComment(c);
  const [groups, sections] = await Promise.all([
    listGroupChoices(c.var.db, c.var.consultation.id),
    sectionOptions(c),
  ]);
  const page = (
    <CommentPage
      ctx={pageCtx(c)}
      consultation={c.var.consultation}
      comment={comment}
      groups={groups}
      sections={sections}
      errors={errors}
      reason={reason}
      notice={c.req.query('notice')}
    />
  );
  return c.render(page, {
    title: t(c.var.lang, `意見 #${comment.id}`, `Comment #${comment.id}`),
    status: Object.keys(errors).length > 0 ? 422 : 200,
  });
}

const commentUrl = (c: C, id: number, notice: string) =>
  `${reviewBase(c.var.consultation.id)}/comments/${id}?notice=${notice}`;

comments.get('/:cid', (c) => renderComment(c));

comments.post(
  '/:cid/group',
  form(commentGroupSchema, (c, _input, errors) => renderComment(c, errors)),
  async (c) => {
    const comment = await loadComment(c);
    const id = c.var.consultation.id;
    const group = await findGroup(c.var.db, id, c.req.valid('form').group_id);
    if (!group)
      return renderComment(c, { group_id: t(c.var.lang, 'グループを選んでください。', 'Choose a group.') });
    await assignComments(c.var.db, id, [comment.id], group.id, c.var.actor, c.var.clock.now());
    return seeOther(c, commentUrl(c, comment.id, 'grouped'));
  },
);

comments.post('/:cid/ungroup', async (c) => {
  const comment = await loadComment(c);
  await assignComments(c.var.db, c.var.consultation.id, [comment.id], null, c.var.actor, c.var.clock.now());
  return seeOther(c, commentUrl(c, comment.id, 'ungrouped'));
});

comments.post(
  '/:cid/exclude',
  form(excludeSchema, (c, input, errors) =>
    renderComment(c, errors, formValues(input, { reason: '' }).reason),
  ),
  async (c) => {
    const comment = await loadComment(c);
    const { reason } = c.req.valid('form');
    await setCommentExcluded(
      c.var.db,
      c.var.consultation.id,
      comment.id,
      reason,
      c.var.actor,
      c.var.clock.now(),
    );
    return seeOther(c, commentUrl(c, comment.id, 'excluded'));
  },
);

comments.post('/:cid/include', async (c) => {
  const comment = await loadComment(c);
  await setCommentExcluded(c.var.db, c.var.consultation.id, comment.id, null, c.var.actor, c.var.clock.now());
  return seeOther(c, commentUrl(c, comment.id, 'included'));
});
