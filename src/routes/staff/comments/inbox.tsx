/** The inbox of one consultation's comments: filters, search and keyset paging. */
import { Hono } from 'hono';
import { InboxPage, type InboxFormValues } from '../../../../views/pages/staff/comments/InboxPage.tsx';
import {
  InboxResults,
  type InboxResultsProps,
} from '../../../../views/partials/staff/comments/InboxResults.tsx';
import { countInbox, type InboxFilters, listInboxPage } from '../../../data/inbox.ts';
import type { ConsultationEnv } from '../../../env.ts';
import { pageCtx } from '../../../http/render.tsx';
import { validatorsFor } from '../../../http/validate.ts';
import { t } from '../../../lib/i18n.ts';
import { type InboxQuery, inboxQuerySchema } from '../../../schemas/comments.ts';
import { draftSections, sectionNamer, sectionOptions } from './shared.ts';

export const inbox = new Hono<ConsultationEnv>();
const { query } = validatorsFor<ConsultationEnv>();

const PAGE_SIZE = 50;

/** The accepted filters: what the query asks, without the values that were not one of the choices. */
function filtersOf(q: InboxQuery): InboxFilters {
  const filters: InboxFilters = {};
  if (q.section !== undefined) filters.section = q.section;
  if (q.category !== undefined) filters.category = q.category;
  if (q.channel !== undefined) filters.channel = q.channel;
  if (q.status !== undefined) filters.status = q.status;
  if (q.from !== undefined) filters.from = q.from;
  if (q.to !== undefined) filters.to = q.to;
  if (q.q?.trim()) filters.q = q.q.trim();
  return filters;
}

/** The filter form as it is shown again. */
function formOf(q: InboxQuery): InboxFormValues {
  return {
    section: q.section === undefined ? '' : String(q.section),
    category: q.category ?? '',
    channel: q.channel ?? '',
    status: q.status ?? '',
    from: q.from ?? '',
    to: q.to ?? '',
    q: q.q ?? '',
  };
}

function filterQueryString(form: InboxFormValues): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) if (v) params.set(k, v);
  return params.toString();
}

inbox.get('/', query(inboxQuerySchema), async (c) => {
  const asked = c.req.valid('query');
  const { db, lang } = c.var;
  const consultation = c.var.consultation;
  const filters = filtersOf(asked);
  const form = formOf(asked);
  const after = asked.after ?? null;
  const [sections, total, page] = await Promise.all([
    draftSections(c),
    countInbox(db, consultation.id, filters),
    listInboxPage(db, consultation.id, filters, after, PAGE_SIZE),
  ]);
  const name = sectionNamer(sections);
  const results: Omit<InboxResultsProps, 'ctx' | 'consultationId'> = {
    total,
    rows: page.rows.map(({ sectionIds, ...row }) => ({ ...row, sections: sectionIds.map(name) })),
    filterQuery: filterQueryString(form),
    nextAfter: page.next ? `${page.next.receivedAt}_${page.next.id}` : null,
    paged: after !== null,
  };
  const ctx = pageCtx(c);
  const options = sectionOptions(sections);
  return c.render(
    <InboxPage ctx={ctx} consultation={consultation} sections={options} form={form} results={results} />,
    {
      title: t(lang, `意見の一覧 - ${consultation.title}`, `Comments - ${consultation.title}`),
      fragment: <InboxResults ctx={ctx} consultationId={consultation.id} {...results} />,
    },
  );
});
