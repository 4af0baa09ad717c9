/**
 * The council paper of one consultation (/council/consultations/:id): on screen, its analysis
 * region alone (what the progress polls), the print layout, and the same summary as JSON and CSV.
 */
import { Hono } from 'hono';
import { SummaryPage } from '../../../views/pages/council/SummaryPage.tsx';
import { summaryCsvRows } from '../../domain/council-summary.ts';
import type { ConsultationEnv } from '../../env.ts';
import { pageCtx } from '../../http/render.tsx';
import { encodeCsv, toCsv } from '../../lib/csv.ts';
import { type C, loadSummary, paperTitle } from './shared.ts';

export const summary = new Hono<ConsultationEnv>();

/**
 * The paper on screen. For htmx the paper alone (`#council-paper`, without the layout): what the
 * progress region polls at `/analysis` until the analysis is done.
 */
async function summaryPage(c: C) {
  const s = await loadSummary(c, false);
  return c.render(<SummaryPage ctx={pageCtx(c)} summary={s} />, { title: paperTitle(c), fragment: true });
}

summary.get('/', summaryPage);
summary.get('/analysis', summaryPage);

summary.get('/print', async (c) => {
  const s = await loadSummary(c, true);
  return c.render(<SummaryPage ctx={pageCtx(c)} summary={s} print />, { title: paperTitle(c) });
});

summary.get('/summary.json', async (c) => {
  const s = await loadSummary(c, true);
  c.header('Cache-Control', 'no-store');
  return c.json(s);
});

summary.get('/summary.csv', async (c) => {
  const s = await loadSummary(c, true);
  const csv = toCsv(summaryCsvRows(s, c.var.lang));
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="council-summary-${s.consultation.id}.csv"`);
  c.header('Cache-Control', 'no-store');
  return c.body(encodeCsv(csv) as Uint8Array<ArrayBuffer>);
});
