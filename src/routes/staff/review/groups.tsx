/**
 * One group (/review/groups/:gid): its summary, response, outcome and sections; its comments
 * (paged) to take out or split off; merging into another group; deleting it after a confirmation.
 */
import { Hono } from 'hono';
import { GroupDeletePage, GroupPage } from '../../../../views/pages/staff/review/GroupPage.tsx';
import type { GroupForm } from '../../../../views/pages/staff/review/shared.tsx';
import {
  assignComments,
  deleteGroup,
  findGroup,
  listReviewComments,
  mergeGroups,
  splitGroup,
  updateGroup,
} from '../../../data/groups.ts';
import { listGroupChoices } from '../../../data/results.ts';
import type { ConsultationEnv } from '../../../env.ts';
import { notFound } from '../../../http/errors.ts';
import { pageCtx, seeOther } from '../../../http/render.tsx';
import { type FieldErrors, validatorsFor } from '../../../http/validate.ts';
import { t } from '../../../lib/i18n.ts';
import { positiveInt } from '../../../lib/params.ts';
import { reviewBase } from '../../../lib/review-paths.ts';
import { groupUpdateSchema, membersSchema, mergeSchema, pageQuery } from '../../../schemas/review.ts';
import { type C, groupInput, sectionOptions, typedGroupForm } from './shared.ts';

export const groups = new Hono<ConsultationEnv>();
const { form, query } = validatorsFor<ConsultationEnv>();

type Group = NonNullable<Awaited<ReturnType<typeof findGroup>>>;

/** The group named by `:gid` in this consultation, or 404. */
async function loadGroup(c: C): Promise<Group> {
  const gid = positiveInt(c.req.param('gid'));
  const group = gid === undefined ? undefined : await findGroup(c.var.db, c.var.consultation.id, gid);
  if (!group) throw notFound(c.var.lang);
  return group;
}

const groupUrl = (c: C, id: number) => `${reviewBase(c.var.consultation.id)}/groups/${id}`;

async function renderGroup(
  c: C,
  group: Group,
  opts: { form?: GroupForm; membersError?: string; after?: number; status?: 200 | 422 } = {},
) {
  const consultation = c.var.consultation;
  const [choices, sections, members] = await Promise.all([
    listGroupChoices(c.var.db, consultation.id),
    sectionOptions(c),
    listReviewComments(c.var.db, consultation.id, { groupId: group.id }, { after: opts.after }),
  ]);
  const form: GroupForm = opts.form ?? {
    summary: group.summary,
    response: group.response,
    outcome: group.outcome ?? '',
    revisionNote: group.revision_note,
    sectionIds: group.sectionIds,
    errors: {},
  };
  const no = choices.find((g) => g.id === group.id)?.no ?? 0;
  const page = (
    <GroupPage
      ctx={pageCtx(c)}
      consultation={consultation}
      groupId={group.id}
      no={no}
      form={form}
      groups={choices}
      sections={sections}
      members={members}
      after={opts.after}
      membersError={opts.membersError}
      notice={c.req.query('notice')}
      frozen={consultation.result_published_at !== null}
    />
  );
  return c.render(page, {
    title: t(c.var.lang, `グループ No.${no}`, `Group No. ${no}`),
    status: opts.status ?? 200,
  });
}

groups.get('/:gid', query(pageQuery), async (c) =>
  renderGroup(c, await loadGroup(c), { after: c.req.valid('query').after }),
);

groups.post(
  '/:gid',
  form(groupUpdateSchema, async (c, input, errors) =>
    renderGroup(c, await loadGroup(c), { form: typedGroupForm(input, errors), status: 422 }),
  ),
  async (c) => {
    const group = await loadGroup(c);
    const v = c.req.valid('form');
    await updateGroup(
      c.var.db,
      c.var.consultation.id,
      group.id,
      groupInput(v),
      c.var.actor,
      c.var.clock.now(),
    );
    return seeOther(c, `${groupUrl(c, group.id)}?notice=saved`);
  },
);

const membersRefused = async (c: C, errors: FieldErrors) =>
  renderGroup(c, await loadGroup(c), {
    membersError: Object.values(errors).find(Boolean),
    status: 422,
  });

groups.post(
  '/:gid/members',
  form(membersSchema, (c, _input, errors) => membersRefused(c, errors)),
  async (c) => {
    const group = await loadGroup(c);
    const v = c.req.valid('form');
    const id = c.var.consultation.id;
    if (v.op === 'split') {
      const summary = v.split_summary || group.summary;
      const newId = await splitGroup(
        c.var.db,
        id,
        group.id,
        v.comment_ids,
        summary,
        c.var.actor,
        c.var.clock.now(),
      );
      if (newId === undefined) return seeOther(c, groupUrl(c, group.id));
      return seeOther(c, `${groupUrl(c, newId)}?notice=split`);
    }
    await assignComments(c.var.db, id, v.comment_ids, null, c.var.actor, c.var.clock.now());
    return seeOther(c, `${groupUrl(c, group.id)}?notice=removed`);
  },
);

groups.post(
  '/:gid/merge',
  form(mergeSchema, (c, _input, errors) => membersRefused(c, errors)),
  async (c) => {
    const group = await loadGroup(c);
    const { into } = c.req.valid('form');
    const id = c.var.consultation.id;
    if (
      into === group.id ||
      !(await mergeGroups(c.var.db, id, group.id, into, c.var.actor, c.var.clock.now()))
    ) {
      return membersRefused(c, {
        into: t(c.var.lang, '統合先のグループを選んでください。', 'Choose the group to merge into.'),
      });
    }
    return seeOther(c, `${groupUrl(c, into)}?notice=merged`);
  },
);

/** Deleting asks first: the page says what happens to the comments. */
groups.get('/:gid/delete', async (c) => {
  const group = await loadGroup(c);
  const [choices, members] = await Promise.all([
    listGroupChoices(c.var.db, c.var.consultation.id),
    listReviewComments(c.var.db, c.var.consultation.id, { groupId: group.id }, { limit: 0 }),
  ]);
  const no = choices.find((g) => g.id === group.id)?.no ?? 0;
  const page = (
    <GroupDeletePage
      ctx={pageCtx(c)}
      consultation={c.var.consultation}
      groupId={group.id}
      no={no}
      summary={group.summary}
      memberCount={members.total}
    />
  );
  return c.render(page, { title: t(c.var.lang, `グループ No.${no} の削除`, `Delete group No. ${no}`) });
});

groups.post('/:gid/delete', async (c) => {
  const group = await loadGroup(c);
  const id = c.var.consultation.id;
  await deleteGroup(c.var.db, id, group.id, c.var.actor, c.var.clock.now());
  return seeOther(c, `${reviewBase(id)}?notice=group_deleted`);
});
