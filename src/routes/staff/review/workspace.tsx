/**
 * The workspace (/review): progress, the groups, identical texts offered as one group, and the
 * comment list (filtered, paged) with the forms that create a group and put comments in one.
 */
import { Hono } from 'hono';
import {
  type BulkForm,
  type CreateForm,
  ReviewPage,
} from '../../../../views/pages/staff/review/ReviewPage.tsx';
import {
  assignComments,
  countReviewProgress,
  createGroup,
  findGroup,
  groupIdenticalComments,
  listIdenticalSets,
  listReviewComments,
} from '../../../data/groups.ts';
import { listResultGroups } from '../../../data/results.ts';
import { phaseOf } from '../../../domain/lifecycle.ts';
import type { ConsultationEnv } from '../../../env.ts';
import { pageCtx, seeOther } from '../../../http/render.tsx';
import {
  type FieldErrors,
  type FormInput,
  formValues,
  readForm,
  validatorsFor,
} from '../../../http/validate.ts';
import { t } from '../../../lib/i18n.ts';
import { positiveInt } from '../../../lib/params.ts';
import { type ReviewFilterValues, workspaceHref } from '../../../lib/review-paths.ts';
import {
  assignSchema,
  groupCreateSchema,
  identicalSchema,
  type WorkspaceFilter,
  workspaceQuery,
} from '../../../schemas/review.ts';
import { type C, groupInput, sectionOptions, typedGroupForm } from './shared.ts';

export const workspace = new Hono<ConsultationEnv>();
const { form, query } = validatorsFor<ConsultationEnv>();

const NO_FILTER: WorkspaceFilter = { section: undefined, q: '', ungrouped: false, after: undefined };

function filterValues(f: WorkspaceFilter): ReviewFilterValues {
  return { section: f.section === undefined ? '' : String(f.section), q: f.q, ungrouped: f.ungrouped };
}

/** The filter a form carried in its hidden fields (none when it was tampered with). */
function filterOf(input: FormInput): WorkspaceFilter {
  const parsed = workspaceQuery.safeParse(formValues(input, { section: '', q: '', ungrouped: '' }));
  return parsed.success ? { ...parsed.data, after: undefined } : NO_FILTER;
}

async function renderWorkspace(
  c: C,
  filter: WorkspaceFilter,
  opts: { create?: CreateForm; bulk?: BulkForm; status?: 200 | 422 } = {},
) {
  const db = c.var.db;
  const consultation = c.var.consultation;
  const frozen = consultation.result_published_at !== null;
  const listFilter = { sectionId: filter.section, q: filter.q || undefined, ungroupedOnly: filter.ungrouped };
  const [progress, groups, sections, comments, identical] = await Promise.all([
    countReviewProgress(db, consultation.id),
    listResultGroups(db, consultation.id),
    sectionOptions(c),
    listReviewComments(db, consultation.id, listFilter, { after: filter.after }),
    frozen ? { sets: [], more: 0 } : listIdenticalSets(db, consultation.id),
  ]);
  const ctx = pageCtx(c);
  const page = (
    <ReviewPage
      ctx={ctx}
      consultation={consultation}
      phase={phaseOf(consultation, ctx.now)}
      progress={progress}
      groups={groups}
      sections={sections}
      comments={comments}
      after={filter.after}
      identical={identical}
      filter={filterValues(filter)}
      notice={c.req.query('notice')}
      create={opts.create}
      bulk={opts.bulk}
    />
  );
  return c.render(page, {
    title: t(c.var.lang, `意見の整理：${consultation.title}`, `Review: ${consultation.title}`),
    status: opts.status ?? 200,
  });
}

workspace.get('/', query(workspaceQuery), (c) => renderWorkspace(c, c.req.valid('query')));

workspace.post(
  '/groups',
  form(groupCreateSchema, (c, input, errors) =>
    renderWorkspace(c, filterOf(input), { create: typedGroupForm(input, errors), status: 422 }),
  ),
  async (c) => {
    const v = c.req.valid('form');
    const id = c.var.consultation.id;
    await createGroup(c.var.db, id, groupInput(v), [], c.var.actor, c.var.clock.now());
    return seeOther(
      c,
      workspaceHref(id, filterValues({ ...v, after: undefined }), { notice: 'group_created' }),
    );
  },
);

function bulkRefused(c: C, input: FormInput, errors: FieldErrors) {
  const v = formValues(input, { comment_ids: [], group_id: '' });
  const bulk: BulkForm = {
    commentIds: v.comment_ids.map(positiveInt).filter((n): n is number => n !== undefined),
    groupId: v.group_id,
    errors,
  };
  return renderWorkspace(c, filterOf(input), { bulk, status: 422 });
}

workspace.post('/assign', form(assignSchema, bulkRefused), async (c) => {
  const v = c.req.valid('form');
  const id = c.var.consultation.id;
  if (!(await findGroup(c.var.db, id, v.group_id))) {
    const message = t(c.var.lang, '移動先のグループを選んでください。', 'Choose the group to put them in.');
    return bulkRefused(c, await readForm(c), { group_id: message });
  }
  const moved = await assignComments(c.var.db, id, v.comment_ids, v.group_id, c.var.actor, c.var.clock.now());
  return seeOther(
    c,
    workspaceHref(id, filterValues({ ...v, after: undefined }), { notice: `assigned:${moved}` }),
  );
});

workspace.post(
  '/identical',
  form(identicalSchema, (c) =>
    seeOther(c, workspaceHref(c.var.consultation.id, filterValues(NO_FILTER), { notice: 'identical_stale' })),
  ),
  async (c) => {
    const id = c.var.consultation.id;
    const created = await groupIdenticalComments(
      c.var.db,
      id,
      c.req.valid('form'),
      c.var.actor,
      c.var.clock.now(),
    );
    const notice = created === undefined ? 'identical_stale' : 'identical_grouped';
    return seeOther(c, workspaceHref(id, filterValues(NO_FILTER), { notice }));
  },
);
