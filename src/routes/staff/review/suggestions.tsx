/**
 * The analysis's suggested groups (/review/suggestions), adopted one at a time: each shows its
 * comments still unplaced, its key terms and the 該当箇所 most of them named; staff rename,
 * merge, drop or adopt each (plain forms; htmx only keeps the place). Choices are kept per
 * analysis version: a form from an older analysis is refused (409) with the fresh list.
 */
import { Hono } from 'hono';
import {
  type AdoptSuggestionsProps,
  AdoptSuggestionsPage,
  type SuggestionView,
} from '../../../../views/pages/council/AdoptSuggestionsPage.tsx';
import { listCouncilComments, listUnplacedCommentIds } from '../../../data/council.ts';
import { findGroup, sectionsByComment } from '../../../data/groups.ts';
import {
  deleteSuggestionChoice,
  listSuggestionChoices,
  saveSuggestionChoices,
} from '../../../data/suggestions.ts';
import { representativeIds } from '../../../domain/council-summary.ts';
import { mergeChoices, planSuggestions, type Suggestion } from '../../../domain/suggestions.ts';
import type { ConsultationEnv } from '../../../env.ts';
import { conflict, notFound } from '../../../http/errors.ts';
import { pageCtx, seeOther } from '../../../http/render.tsx';
import { type FieldErrors, type FormInput, formValues, validatorsFor } from '../../../http/validate.ts';
import { t } from '../../../lib/i18n.ts';
import { positiveInt } from '../../../lib/params.ts';
import { reviewBase } from '../../../lib/review-paths.ts';
import {
  adoptSuggestionSchema,
  mergeSuggestionsSchema,
  renameSuggestionSchema,
  SUGGESTION_ID,
  suggestionVersionSchema,
} from '../../../schemas/suggestions.ts';
import { adoptSuggestion } from '../../../usecases/suggestions.ts';
import { type C, sectionOptions } from './shared.ts';

export const suggestions = new Hono<ConsultationEnv>();
const { form } = validatorsFor<ConsultationEnv>();

/** Comments shown with each suggestion on the list; the rest on the suggestion's own page. */
const SHOWN_MEMBERS = 5;

type Ready = { version: number; open: Suggestion[]; dropped: Suggestion[] };

/** The suggestions as they stand now, or the analysis's state while it is not ready. */
async function currentPlan(c: C): Promise<Ready | { kind: 'running'; percent: number } | { kind: 'failed' }> {
  const { db, consultation } = c.var;
  const analysis = await c.var.analysis.get(consultation.id, { wait: true });
  if (analysis.state === 'running') return { kind: 'running', percent: analysis.percent };
  if (analysis.state === 'failed') return { kind: 'failed' };
  const unplaced = await listUnplacedCommentIds(db, consultation.id);
  const sections = await sectionOptions(c);
  const representatives = await listCouncilComments(db, consultation.id, representativeIds(analysis.result));
  const plan = planSuggestions({
    result: analysis.result,
    unplaced: new Set(unplaced),
    choices: await listSuggestionChoices(db, consultation.id, analysis.version),
    sectionsOf: await sectionsByComment(db, unplaced),
    draftOrder: sections.map((s) => s.id),
    textsOf: new Map(representatives.map((r) => [r.id, r.text])),
  });
  return { version: analysis.version, ...plan };
}

/** What the page shows of each suggestion: its first comments (or the page's), the section named. */
async function views(c: C, list: readonly Suggestion[], shown = SHOWN_MEMBERS): Promise<SuggestionView[]> {
  const labels = new Map((await sectionOptions(c)).map((s) => [s.id, s.label]));
  const ids = list.flatMap((s) => s.memberIds.slice(0, shown));
  const comments = new Map(
    (await listCouncilComments(c.var.db, c.var.consultation.id, ids)).map((x) => [x.id, x]),
  );
  return list.map((s) => ({
    id: s.id,
    summary: s.summary,
    renamed: s.renamed,
    keyTerms: s.keyTerms,
    count: s.memberIds.length,
    sectionId: s.sectionId,
    sectionLabel: s.sectionId === null ? '' : (labels.get(s.sectionId) ?? ''),
    merged: s.merged,
    members: s.memberIds.slice(0, shown).flatMap((id) => {
      const x = comments.get(id);
      return x ? [{ id: x.id, text: x.text, sections: x.sections.map((s) => s.label) }] : [];
    }),
  }));
}

type ListExtras = Partial<Extract<AdoptSuggestionsProps['state'], { kind: 'list' }>>;

/** The page in the state it is in now (`extras`: a notice, a stale form, a form's errors). */
async function page(c: C, extras: ListExtras = {}, status: 200 | 409 | 422 = 200) {
  const ctx = pageCtx(c);
  const { id, title, result_published_at } = c.var.consultation;
  const plan = result_published_at ? ({ kind: 'published' } as const) : await currentPlan(c);
  const state: AdoptSuggestionsProps['state'] =
    'version' in plan
      ? {
          kind: 'list',
          version: plan.version,
          open: await views(c, plan.open),
          dropped: await views(c, plan.dropped, 0),
          sections: await sectionOptions(c),
          ...extras,
        }
      : plan;
  return c.render(<AdoptSuggestionsPage ctx={ctx} consultation={{ id, title }} state={state} />, {
    title: t(ctx.lang, '自動提案のグループ', 'Suggested groups'),
    status,
  });
}

const self = (c: C) => `${reviewBase(c.var.consultation.id)}/suggestions`;

/** The plan of a POST: refused once published, or when the page showed another analysis. */
async function planFor(c: C, version: number): Promise<Ready | Response> {
  if (c.var.consultation.result_published_at) return page(c, {}, 409);
  const plan = await currentPlan(c);
  if (!('version' in plan)) return page(c);
  if (plan.version !== version) return page(c, { stale: true }, 409);
  return plan;
}

/** The suggestion named by `:sid` among the open ones, or 404. */
function openSuggestion(c: C, plan: Ready): Suggestion {
  const sid = c.req.param('sid') ?? '';
  const found = SUGGESTION_ID.test(sid) ? plan.open.find((s) => s.id === sid) : undefined;
  if (!found) throw notFound(c.var.lang);
  return found;
}

/** A form of one suggestion came back with errors: the list again, with that card's input. */
function refused(c: C, input: FormInput, errors: FieldErrors) {
  // The hidden analysis version did not come back readable: as for an older analysis, the fresh
  // list with the notice to choose again (a message for a field nobody sees would say nothing).
  if (errors.version) return page(c, { stale: true }, 409);
  const v = formValues(input, { summary: '', section_id: '' });
  return page(
    c,
    {
      failed: {
        id: c.req.param('sid') ?? '',
        summary: v.summary,
        sectionId: positiveInt(v.section_id) ?? null,
        errors,
      },
    },
    422,
  );
}

suggestions.get('/', async (c) => {
  const adopted = positiveInt(c.req.query('adopted'));
  const group = adopted ? await findGroup(c.var.db, c.var.consultation.id, adopted) : undefined;
  return page(c, group ? { adopted: { id: group.id, summary: group.summary } } : {});
});

/** One suggestion with every comment still in it. */
suggestions.get('/:sid', async (c) => {
  if (c.var.consultation.result_published_at) return page(c);
  const plan = await currentPlan(c);
  if (!('version' in plan)) return page(c);
  const one = openSuggestion(c, plan);
  const [view] = await views(c, [one], 1000);
  return page(c, { open: view ? [view] : [], dropped: [], single: true });
});

suggestions.post('/merge', form(mergeSuggestionsSchema, refused), async (c) => {
  const { version, ids } = c.req.valid('form');
  const plan = await planFor(c, version);
  if (plan instanceof Response) return plan;
  const choices = mergeChoices(plan, ids);
  if (!choices) {
    throw conflict(
      c.var.lang,
      '統合できる提案を二つ以上選んでください。',
      'Choose two or more open suggestions.',
    );
  }
  const { db, consultation, actor, clock } = c.var;
  await saveSuggestionChoices(db, consultation.id, version, choices, actor.id, clock.now());
  return seeOther(c, `${self(c)}#s-${ids[0]}`);
});

suggestions.post('/:sid/adopt', form(adoptSuggestionSchema, refused), async (c) => {
  const input = c.req.valid('form');
  const plan = await planFor(c, input.version);
  if (plan instanceof Response) return plan;
  const one = openSuggestion(c, plan);
  const outcome = await adoptSuggestion(
    c.var.db,
    {
      consultationId: c.var.consultation.id,
      suggestionId: one.id,
      mergedIds: one.merged.map((m) => m.id),
      summary: input.summary,
      sectionId: input.section_id ?? null,
      commentIds: one.memberIds,
    },
    c.var.actor,
    c.var.clock.now(),
  );
  if (!outcome.ok) return page(c, { stale: true }, 409);
  return seeOther(c, `${self(c)}?adopted=${outcome.groupId}`);
});

/** Records staff's choice on the open suggestion `:sid` (made on `version`), then back to the list. */
async function choose(
  c: C,
  version: number,
  choice: { choice: 'renamed' | 'dropped'; summary: string | null },
  anchor: (id: string) => string,
) {
  const plan = await planFor(c, version);
  if (plan instanceof Response) return plan;
  const one = openSuggestion(c, plan);
  const row = { suggestionId: one.id, mergedInto: null, ...choice };
  const { db, consultation, actor, clock } = c.var;
  await saveSuggestionChoices(db, consultation.id, version, [row], actor.id, clock.now());
  return seeOther(c, `${self(c)}${anchor(one.id)}`);
}

suggestions.post('/:sid/rename', form(renameSuggestionSchema, refused), (c) => {
  const { version, summary } = c.req.valid('form');
  return choose(c, version, { choice: 'renamed', summary }, (id) => `#s-${id}`);
});

suggestions.post('/:sid/drop', form(suggestionVersionSchema, refused), (c) => {
  const { version } = c.req.valid('form');
  return choose(c, version, { choice: 'dropped', summary: null }, () => '#dropped');
});

/** Brings back a dropped suggestion, or takes a merged one out of the suggestion it joined. */
suggestions.post('/:sid/restore', form(suggestionVersionSchema, refused), async (c) => {
  const { version } = c.req.valid('form');
  const plan = await planFor(c, version);
  if (plan instanceof Response) return plan;
  const sid = c.req.param('sid');
  const known = [...plan.open, ...plan.dropped].some(
    (s) => s.id === sid || s.merged.some((m) => m.id === sid),
  );
  if (!known) throw notFound(c.var.lang);
  await deleteSuggestionChoice(c.var.db, c.var.consultation.id, version, sid);
  return seeOther(c, `${self(c)}#s-${sid}`);
});
