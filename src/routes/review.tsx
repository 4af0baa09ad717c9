import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { type Consultation, OUTCOMES, type Outcome } from '../../db/schema.ts';
import { CommentPage } from '../../views/pages/staff/review/CommentPage.tsx';
import { FinalPage } from '../../views/pages/staff/review/FinalPage.tsx';
import { GroupPage } from '../../views/pages/staff/review/GroupPage.tsx';
import { PublishPage } from '../../views/pages/staff/review/PublishPage.tsx';
import { type BulkForm, type CreateForm, ReviewPage } from '../../views/pages/staff/review/ReviewPage.tsx';
import type { FieldErrors } from '../../views/partials/forms.tsx';
import { findConsultation, listAllSections, listDraftSections } from '../data/consultations.ts';
import {
  assignComments,
  countReviewProgress,
  createGroup,
  deleteGroup,
  findGroup,
  insertFinalSection,
  listIdenticalSets,
  listReviewComments,
  mergeGroups,
  publishResult,
  type ReviewFilter,
  setCommentExcluded,
  splitGroup,
  updateFinalSection,
  updateGroup,
} from '../data/groups.ts';
import { listResultGroups } from '../data/results.ts';
import { phaseOf } from '../domain/lifecycle.ts';
import { previewText, publishProblems, sectionChanges } from '../domain/results.ts';
import type { Actor } from '../data/audit.ts';
import type { AppEnv } from '../env.ts';
import { requireRole } from '../http/session.ts';
import { t } from '../lib/i18n.ts';
import { positiveInt } from '../lib/params.ts';
import { pageCtx, render, seeOther } from '../lib/render.tsx';

/** The review workspace: group comments, write the responses and the final text, publish. */
export const reviewRoutes = new Hono<AppEnv>();

reviewRoutes.use('*', requireRole('staff', 'admin'));

type C = Context<AppEnv>;

/** The consultation of the review pages (and the suggestions mounted below them): not a draft, or 404. */
export async function loadConsultation(c: C): Promise<Consultation> {
  const id = positiveInt(c.req.param('id'));
  const consultation = id ? await findConsultation(c.var.db, id) : undefined;
  if (!consultation || consultation.status === 'draft') {
    throw new HTTPException(404, {
      message: t(c.var.lang, '該当する意見募集が見つかりません。', 'No such consultation.'),
    });
  }
  return consultation;
}

function actorOf(c: C): Actor {
  const user = c.var.user;
  if (!user) throw new HTTPException(401);
  return { id: user.id, label: user.email, ip: c.var.clientIp };
}

function base(id: number) {
  return `/staff/consultations/${id}/review`;
}

/** Once the result is published, groups, responses and the final text are frozen. */
reviewRoutes.use('*', async (c, next) => {
  if (c.req.method === 'POST') {
    const consultation = await loadConsultation(c);
    if (consultation.result_published_at) {
      throw new HTTPException(409, {
        message: t(
          c.var.lang,
          '結果を公表済みのため、意見の整理・市の考え方・最終案は変更できません。',
          'The result has been published, so groups, responses and the final text can no longer be changed.',
        ),
      });
    }
  }
  await next();
});

async function formOf(c: C) {
  const body = await c.req.parseBody({ all: true });
  const one = (name: string): string => {
    const v = body[name];
    const first = Array.isArray(v) ? v[0] : v;
    return typeof first === 'string' ? first : '';
  };
  const many = (name: string): string[] => {
    const v = body[name];
    const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
    return list.filter((x): x is string => typeof x === 'string');
  };
  const ids = (name: string): number[] => [
    ...new Set(
      many(name)
        .map((x) => positiveInt(x))
        .filter((x): x is number => x !== undefined),
    ),
  ];
  return { one, many, ids };
}

function filterFrom(
  get: (name: string) => string | undefined,
): ReviewFilter & { raw: Record<string, string> } {
  const section = get('section') ?? '';
  const q = (get('q') ?? '').slice(0, 200);
  const ungrouped = get('ungrouped') === '1';
  return {
    sectionId: positiveInt(section),
    q: q || undefined,
    ungroupedOnly: ungrouped,
    raw: { section, q, ungrouped: ungrouped ? '1' : '' },
  };
}

function workspaceUrl(id: number, raw: Record<string, string>, notice?: string) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(raw)) if (v) params.set(k, v);
  if (notice) params.set('notice', notice);
  const qs = params.toString();
  return `${base(id)}${qs ? `?${qs}` : ''}`;
}

async function renderWorkspace(
  c: C,
  consultation: Consultation,
  filter: ReviewFilter & { raw: Record<string, string> },
  opts: { create?: CreateForm; bulk?: BulkForm; status?: 200 | 422 } = {},
) {
  const db = c.var.db;
  const [progress, groups, sections, comments, identical] = await Promise.all([
    countReviewProgress(db, consultation.id),
    listResultGroups(db, consultation.id),
    listDraftSections(db, consultation.id),
    listReviewComments(db, consultation.id, filter),
    listIdenticalSets(db, consultation.id),
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
      identical={identical}
      filter={filter.raw}
      notice={c.req.query('notice')}
      create={opts.create}
      bulk={opts.bulk}
    />
  );
  return render(c, {
    title: t(c.var.lang, `意見の整理：${consultation.title}`, `Review: ${consultation.title}`),
    body: page,
    status: opts.status ?? 200,
    area: 'staff',
  });
}

reviewRoutes.get('/', async (c) => {
  const consultation = await loadConsultation(c);
  return renderWorkspace(
    c,
    consultation,
    filterFrom((n) => c.req.query(n)),
  );
});

const outcomeField = z.union([z.literal(''), z.enum(OUTCOMES as [Outcome, ...Outcome[]])]);

reviewRoutes.post('/groups', async (c) => {
  const consultation = await loadConsultation(c);
  const f = await formOf(c);
  const filter = filterFrom((n) => f.one(n));
  const create: CreateForm = {
    summary: f.one('summary').trim(),
    response: f.one('response').trim(),
    outcome: f.one('outcome'),
    revisionNote: f.one('revision_note').trim(),
    sectionIds: f.ids('section_ids'),
    errors: {},
  };
  const lang = c.var.lang;
  if (!create.summary)
    create.errors.summary = t(lang, '意見の概要を入力してください。', 'Enter the summary.');
  else if (create.summary.length > 4000)
    create.errors.summary = t(lang, '4000字以内で入力してください。', 'Use at most 4000 characters.');
  const outcome = outcomeField.safeParse(create.outcome);
  if (!outcome.success)
    create.errors.outcome = t(lang, '修正の有無を選び直してください。', 'Choose a valid outcome.');
  if (Object.keys(create.errors).length > 0) {
    return renderWorkspace(c, consultation, filter, { create, status: 422 });
  }
  await createGroup(
    c.var.db,
    consultation.id,
    {
      summary: create.summary,
      response: create.response,
      outcome: outcome.success && outcome.data ? outcome.data : null,
      revisionNote: create.revisionNote,
      sectionIds: create.sectionIds,
    },
    [],
    actorOf(c),
    c.var.clock.now(),
  );
  return seeOther(c, workspaceUrl(consultation.id, filter.raw, 'group_created'));
});

reviewRoutes.post('/assign', async (c) => {
  const consultation = await loadConsultation(c);
  const f = await formOf(c);
  const filter = filterFrom((n) => f.one(n));
  const lang = c.var.lang;
  const commentIds = f.ids('comment_ids');
  const target = f.one('group_id');
  const errors: FieldErrors = {};
  if (commentIds.length === 0)
    errors.comment_ids = t(lang, '意見を1件以上選んでください。', 'Select at least one comment.');
  const groupId = positiveInt(target);
  const group = groupId ? await findGroup(c.var.db, consultation.id, groupId) : undefined;
  if (!group)
    errors.group_id = t(lang, '移動先のグループを選んでください。', 'Choose the group to put them in.');
  if (Object.keys(errors).length > 0 || !group) {
    return renderWorkspace(c, consultation, filter, {
      bulk: { commentIds, groupId: target, errors },
      status: 422,
    });
  }
  const moved = await assignComments(
    c.var.db,
    consultation.id,
    commentIds,
    group.id,
    actorOf(c),
    c.var.clock.now(),
  );
  return seeOther(c, workspaceUrl(consultation.id, filter.raw, `assigned:${moved}`));
});

reviewRoutes.post('/identical', async (c) => {
  const consultation = await loadConsultation(c);
  const f = await formOf(c);
  const commentIds = f.ids('comment_ids');
  const sets = await listIdenticalSets(c.var.db, consultation.id);
  // Only accept a set the server itself suggests: the ids must match one suggestion.
  const key = [...commentIds].sort((a, b) => a - b).join(',');
  const set = sets.find((s) => [...s.commentIds].sort((a, b) => a - b).join(',') === key);
  if (!set) {
    return seeOther(c, workspaceUrl(consultation.id, {}, 'identical_stale'));
  }
  const rows = await listReviewComments(c.var.db, consultation.id, { ungroupedOnly: true, limit: 100_000 });
  const sectionIds = [
    ...new Set(rows.filter((r) => set.commentIds.includes(r.id)).flatMap((r) => r.sectionIds)),
  ];
  await createGroup(
    c.var.db,
    consultation.id,
    { summary: previewText(set.text, 200), sectionIds },
    set.commentIds,
    actorOf(c),
    c.var.clock.now(),
  );
  return seeOther(c, workspaceUrl(consultation.id, {}, 'identical_grouped'));
});

// ---- one group -------------------------------------------------------------------------------

async function loadGroup(c: C, consultation: Consultation) {
  const gid = positiveInt(c.req.param('gid'));
  const group = gid ? await findGroup(c.var.db, consultation.id, gid) : undefined;
  if (!group) {
    throw new HTTPException(404, { message: t(c.var.lang, 'グループが見つかりません。', 'No such group.') });
  }
  return group;
}

export interface GroupForm {
  summary: string;
  response: string;
  outcome: string;
  revisionNote: string;
  sectionIds: number[];
  errors: FieldErrors;
}

async function renderGroup(
  c: C,
  consultation: Consultation,
  group: Awaited<ReturnType<typeof loadGroup>>,
  opts: { form?: GroupForm; membersError?: string; status?: 200 | 422 } = {},
) {
  const db = c.var.db;
  const [groups, sections, members] = await Promise.all([
    listResultGroups(db, consultation.id),
    listDraftSections(db, consultation.id),
    listReviewComments(db, consultation.id, { groupId: group.id }),
  ]);
  const form: GroupForm = opts.form ?? {
    summary: group.summary,
    response: group.response,
    outcome: group.outcome ?? '',
    revisionNote: group.revision_note,
    sectionIds: group.sectionIds,
    errors: {},
  };
  const no = groups.find((g) => g.id === group.id)?.no ?? 0;
  return render(c, {
    title: t(c.var.lang, `グループ No.${no}`, `Group No. ${no}`),
    body: (
      <GroupPage
        ctx={pageCtx(c)}
        consultation={consultation}
        groupId={group.id}
        no={no}
        form={form}
        groups={groups}
        sections={sections}
        members={members}
        membersError={opts.membersError}
        notice={c.req.query('notice')}
        frozen={consultation.result_published_at !== null}
      />
    ),
    status: opts.status ?? 200,
    area: 'staff',
  });
}

reviewRoutes.get('/groups/:gid', async (c) => {
  const consultation = await loadConsultation(c);
  const group = await loadGroup(c, consultation);
  return renderGroup(c, consultation, group);
});

reviewRoutes.post('/groups/:gid', async (c) => {
  const consultation = await loadConsultation(c);
  const group = await loadGroup(c, consultation);
  const f = await formOf(c);
  const lang = c.var.lang;
  const form: GroupForm = {
    summary: f.one('summary').trim(),
    response: f.one('response').trim(),
    outcome: f.one('outcome'),
    revisionNote: f.one('revision_note').trim(),
    sectionIds: f.ids('section_ids'),
    errors: {},
  };
  if (!form.summary) form.errors.summary = t(lang, '意見の概要を入力してください。', 'Enter the summary.');
  else if (form.summary.length > 4000)
    form.errors.summary = t(lang, '4000字以内で入力してください。', 'Use at most 4000 characters.');
  if (form.response.length > 10000)
    form.errors.response = t(lang, '10000字以内で入力してください。', 'Use at most 10000 characters.');
  const outcome = outcomeField.safeParse(form.outcome);
  if (!outcome.success)
    form.errors.outcome = t(lang, '修正の有無を選び直してください。', 'Choose a valid outcome.');
  if (outcome.success && outcome.data === 'revised' && !form.revisionNote) {
    form.errors.revision_note = t(
      lang,
      '「修正あり」の場合は修正内容を入力してください。',
      'Describe the revision when the draft is revised.',
    );
  }
  if (Object.keys(form.errors).length > 0) return renderGroup(c, consultation, group, { form, status: 422 });
  await updateGroup(
    c.var.db,
    consultation.id,
    group.id,
    {
      summary: form.summary,
      response: form.response,
      outcome: outcome.success && outcome.data ? outcome.data : null,
      revisionNote: form.revisionNote,
      sectionIds: form.sectionIds,
    },
    actorOf(c),
    c.var.clock.now(),
  );
  return seeOther(c, `${base(consultation.id)}/groups/${group.id}?notice=saved`);
});

reviewRoutes.post('/groups/:gid/members', async (c) => {
  const consultation = await loadConsultation(c);
  const group = await loadGroup(c, consultation);
  const f = await formOf(c);
  const lang = c.var.lang;
  const ids = f.ids('comment_ids');
  const op = f.one('op');
  if (ids.length === 0) {
    return renderGroup(c, consultation, group, {
      membersError: t(lang, '意見を1件以上選んでください。', 'Select at least one comment.'),
      status: 422,
    });
  }
  if (op === 'split') {
    const summary = f.one('split_summary').trim() || group.summary;
    const newId = await splitGroup(
      c.var.db,
      consultation.id,
      group.id,
      ids,
      summary,
      actorOf(c),
      c.var.clock.now(),
    );
    if (newId === undefined) return seeOther(c, `${base(consultation.id)}/groups/${group.id}`);
    return seeOther(c, `${base(consultation.id)}/groups/${newId}?notice=split`);
  }
  await assignComments(c.var.db, consultation.id, ids, null, actorOf(c), c.var.clock.now());
  return seeOther(c, `${base(consultation.id)}/groups/${group.id}?notice=removed`);
});

reviewRoutes.post('/groups/:gid/merge', async (c) => {
  const consultation = await loadConsultation(c);
  const group = await loadGroup(c, consultation);
  const f = await formOf(c);
  const into = positiveInt(f.one('into'));
  if (!into || into === group.id || !(await findGroup(c.var.db, consultation.id, into))) {
    return renderGroup(c, consultation, group, {
      membersError: t(c.var.lang, '統合先のグループを選んでください。', 'Choose the group to merge into.'),
      status: 422,
    });
  }
  await mergeGroups(c.var.db, consultation.id, group.id, into, actorOf(c), c.var.clock.now());
  return seeOther(c, `${base(consultation.id)}/groups/${into}?notice=merged`);
});

reviewRoutes.post('/groups/:gid/delete', async (c) => {
  const consultation = await loadConsultation(c);
  const group = await loadGroup(c, consultation);
  await deleteGroup(c.var.db, consultation.id, group.id, actorOf(c), c.var.clock.now());
  return seeOther(c, `${base(consultation.id)}?notice=group_deleted`);
});

// ---- one comment -----------------------------------------------------------------------------

async function renderComment(
  c: C,
  consultation: Consultation,
  commentId: number,
  errors: FieldErrors = {},
  reason = '',
) {
  const db = c.var.db;
  const all = await listReviewComments(db, consultation.id, { limit: 100_000 });
  const comment = all.find((x) => x.id === commentId);
  if (!comment) {
    throw new HTTPException(404, { message: t(c.var.lang, '意見が見つかりません。', 'No such comment.') });
  }
  const [groups, sections] = await Promise.all([
    listResultGroups(db, consultation.id),
    listDraftSections(db, consultation.id),
  ]);
  return render(c, {
    title: t(c.var.lang, `意見 #${comment.id}`, `Comment #${comment.id}`),
    body: (
      <CommentPage
        ctx={pageCtx(c)}
        consultation={consultation}
        comment={comment}
        groups={groups}
        sections={sections}
        errors={errors}
        reason={reason}
        notice={c.req.query('notice')}
      />
    ),
    status: Object.keys(errors).length > 0 ? 422 : 200,
    area: 'staff',
  });
}

reviewRoutes.get('/comments/:cid', async (c) => {
  const consultation = await loadConsultation(c);
  const cid = positiveInt(c.req.param('cid'));
  if (!cid) throw new HTTPException(404);
  return renderComment(c, consultation, cid);
});

reviewRoutes.post('/comments/:cid/group', async (c) => {
  const consultation = await loadConsultation(c);
  const cid = positiveInt(c.req.param('cid'));
  if (!cid) throw new HTTPException(404);
  const f = await formOf(c);
  const gid = positiveInt(f.one('group_id'));
  const group = gid ? await findGroup(c.var.db, consultation.id, gid) : undefined;
  if (!group) {
    return renderComment(c, consultation, cid, {
      group_id: t(c.var.lang, 'グループを選んでください。', 'Choose a group.'),
    });
  }
  await assignComments(c.var.db, consultation.id, [cid], group.id, actorOf(c), c.var.clock.now());
  return seeOther(c, `${base(consultation.id)}/comments/${cid}?notice=grouped`);
});

reviewRoutes.post('/comments/:cid/ungroup', async (c) => {
  const consultation = await loadConsultation(c);
  const cid = positiveInt(c.req.param('cid'));
  if (!cid) throw new HTTPException(404);
  await assignComments(c.var.db, consultation.id, [cid], null, actorOf(c), c.var.clock.now());
  return seeOther(c, `${base(consultation.id)}/comments/${cid}?notice=ungrouped`);
});

reviewRoutes.post('/comments/:cid/exclude', async (c) => {
  const consultation = await loadConsultation(c);
  const cid = positiveInt(c.req.param('cid'));
  if (!cid) throw new HTTPException(404);
  const f = await formOf(c);
  const reason = f.one('reason').trim();
  if (!reason || reason.length > 500) {
    return renderComment(
      c,
      consultation,
      cid,
      {
        reason: reason
          ? t(c.var.lang, '500字以内で入力してください。', 'Use at most 500 characters.')
          : t(c.var.lang, '対象外とする理由を入力してください。', 'Enter the reason for excluding it.'),
      },
      reason,
    );
  }
  const ok = await setCommentExcluded(c.var.db, consultation.id, cid, reason, actorOf(c), c.var.clock.now());
  if (!ok) throw new HTTPException(404);
  return seeOther(c, `${base(consultation.id)}/comments/${cid}?notice=excluded`);
});

reviewRoutes.post('/comments/:cid/include', async (c) => {
  const consultation = await loadConsultation(c);
  const cid = positiveInt(c.req.param('cid'));
  if (!cid) throw new HTTPException(404);
  const ok = await setCommentExcluded(c.var.db, consultation.id, cid, null, actorOf(c), c.var.clock.now());
  if (!ok) throw new HTTPException(404);
  return seeOther(c, `${base(consultation.id)}/comments/${cid}?notice=included`);
});

// ---- final text ------------------------------------------------------------------------------

async function renderFinal(
  c: C,
  consultation: Consultation,
  opts: {
    errors?: FieldErrors;
    sectionId?: number | 'new';
    values?: Record<string, string>;
    status?: 200 | 422;
  } = {},
) {
  const sections = await listAllSections(c.var.db, consultation.id);
  return render(c, {
    title: t(c.var.lang, `最終案：${consultation.title}`, `Final text: ${consultation.title}`),
    body: (
      <FinalPage
        ctx={pageCtx(c)}
        consultation={consultation}
        sections={sections}
        changes={sectionChanges(sections)}
        errors={opts.errors ?? {}}
        errorFor={opts.sectionId}
        values={opts.values ?? {}}
        notice={c.req.query('notice')}
        frozen={consultation.result_published_at !== null}
      />
    ),
    status: opts.status ?? 200,
    area: 'staff',
  });
}

reviewRoutes.get('/final', async (c) => {
  const consultation = await loadConsultation(c);
  return renderFinal(c, consultation);
});

reviewRoutes.post('/final/sections/:sid', async (c) => {
  const consultation = await loadConsultation(c);
  const sid = positiveInt(c.req.param('sid'));
  if (!sid) throw new HTTPException(404);
  const f = await formOf(c);
  const heading = f.one('heading').trim();
  const body = f.one('body').replace(/\r\n/g, '\n');
  const removed = f.one('removed') === '1';
  if (!heading && !removed) {
    return renderFinal(c, consultation, {
      errors: { heading: t(c.var.lang, '見出しを入力してください。', 'Enter the heading.') },
      sectionId: sid,
      values: { heading, body },
      status: 422,
    });
  }
  const ok = await updateFinalSection(
    c.var.db,
    consultation.id,
    sid,
    { heading, body, removed },
    actorOf(c),
    c.var.clock.now(),
  );
  if (!ok) throw new HTTPException(404);
  return seeOther(c, `${base(consultation.id)}/final?notice=saved#s-${sid}`);
});

reviewRoutes.post('/final/sections', async (c) => {
  const consultation = await loadConsultation(c);
  const f = await formOf(c);
  const heading = f.one('heading').trim();
  const number = f.one('number').trim().slice(0, 40);
  const body = f.one('body').replace(/\r\n/g, '\n');
  if (!heading) {
    return renderFinal(c, consultation, {
      errors: { heading: t(c.var.lang, '見出しを入力してください。', 'Enter the heading.') },
      sectionId: 'new',
      values: { heading, body, number },
      status: 422,
    });
  }
  const id = await insertFinalSection(
    c.var.db,
    consultation.id,
    { number, heading, body },
    actorOf(c),
    c.var.clock.now(),
  );
  return seeOther(c, `${base(consultation.id)}/final?notice=added#s-${id}`);
});

// ---- publish ---------------------------------------------------------------------------------

async function renderPublish(
  c: C,
  consultation: Consultation,
  opts: { note?: string; policyDropped?: boolean; status?: 200 | 422 } = {},
) {
  const db = c.var.db;
  const now = c.var.clock.now();
  const [progress, groups] = await Promise.all([
    countReviewProgress(db, consultation.id),
    listResultGroups(db, consultation.id),
  ]);
  const problems = publishProblems(consultation, progress.unaccounted, groups, now);
  return render(c, {
    title: t(c.var.lang, `結果の公表：${consultation.title}`, `Publish the result: ${consultation.title}`),
    body: (
      <PublishPage
        ctx={pageCtx(c)}
        consultation={consultation}
        progress={progress}
        groups={groups}
        problems={problems}
        note={opts.note ?? consultation.result_note}
        policyDropped={opts.policyDropped ?? consultation.policy_dropped === 1}
        attempted={opts.status === 422}
      />
    ),
    status: opts.status ?? 200,
    area: 'staff',
  });
}

reviewRoutes.get('/publish', async (c) => {
  const consultation = await loadConsultation(c);
  return renderPublish(c, consultation);
});

reviewRoutes.post('/publish', async (c) => {
  const consultation = await loadConsultation(c);
  const f = await formOf(c);
  const note = f.one('result_note').replace(/\r\n/g, '\n').trim().slice(0, 10000);
  const policyDropped = f.one('policy_dropped') === '1';
  const now = c.var.clock.now();
  const [progress, groups] = await Promise.all([
    countReviewProgress(c.var.db, consultation.id),
    listResultGroups(c.var.db, consultation.id),
  ]);
  const problems = publishProblems(consultation, progress.unaccounted, groups, now);
  if (problems.length > 0) return renderPublish(c, consultation, { note, policyDropped, status: 422 });
  const ok = await publishResult(c.var.db, consultation.id, { note, policyDropped }, actorOf(c), now);
  if (!ok) return renderPublish(c, consultation, { note, policyDropped, status: 422 });
  return seeOther(c, `${base(consultation.id)}?notice=published`);
});
