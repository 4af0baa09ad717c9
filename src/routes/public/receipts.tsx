/**
 * Looking up a comment by its receipt code (/receipts): what was sent and how it was treated,
 * never who sent it. Codes are read from paper, so the lookup forgives case, dashes and O/0, I/1.
 */
import { Hono } from 'hono';
import { ReceiptLookup, ReceiptPage } from '../../../views/pages/ReceiptPage.tsx';
import { ReceiptOutcome } from '../../../views/partials/ReceiptOutcome.tsx';
import { findCommentByReceipt } from '../../data/comments.ts';
import { findConsultation, listDraftSections } from '../../data/consultations.ts';
import { findReceiptOutcome } from '../../data/results.ts';
import { normaliseReceiptCode } from '../../domain/receipt.ts';
import type { AppEnv } from '../../env.ts';
import { pageCtx } from '../../http/render.tsx';
import { t } from '../../lib/i18n.ts';
import { sectionLabels } from '../../lib/sections.ts';

/** The full labels (第2章 1 …) of the sections a comment points at, in the draft's order. */
export async function commentSectionLabels(
  db: AppEnv['Variables']['db'],
  consultationId: number,
  chosen: readonly { id: number }[],
): Promise<string[]> {
  const labels = sectionLabels(await listDraftSections(db, consultationId));
  return chosen.map((s) => labels.get(s.id) ?? '');
}

export const receipts = new Hono<AppEnv>()
  .get('/', (c) => {
    const title = t(c.var.lang, '受付番号の確認', 'Receipt lookup');
    const typed = c.req.query('code');
    if (typed === undefined) return c.render(<ReceiptLookup ctx={pageCtx(c)} />, { title });
    const code = normaliseReceiptCode(typed);
    if (code) return c.redirect(`/receipts/${code}`, 303);
    const error = t(
      c.var.lang,
      '受付番号は英数字12文字です（例：7KXM-R9QP-4HTW）。入力を確かめてください。',
      'A receipt code has 12 letters and digits (for example 7KXM-R9QP-4HTW). Please check it.',
    );
    return c.render(<ReceiptLookup ctx={pageCtx(c)} code={typed} error={error} />, { title, status: 400 });
  })
  .get('/:code', async (c) => {
    const code = normaliseReceiptCode(c.req.param('code'));
    const found = code ? await findCommentByReceipt(c.var.db, code) : undefined;
    const consultation = found ? await findConsultation(c.var.db, found.comment.consultation_id) : undefined;
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex');
    if (!found || !consultation) {
      const error = t(
        c.var.lang,
        'この受付番号の意見は見つかりませんでした。番号を確かめてください（O と 0、I と 1 は同じとみなします）。',
        'No comment has this receipt code. Please check it (O and 0, I and 1 are treated alike).',
      );
      return c.render(<ReceiptLookup ctx={pageCtx(c)} code={c.req.param('code')} error={error} />, {
        title: t(c.var.lang, '受付番号が見つかりません', 'Receipt code not found'),
        status: 404,
      });
    }
    const ctx = pageCtx(c);
    const outcome = await findReceiptOutcome(c.var.db, found.comment.id);
    const page = (
      <ReceiptPage
        ctx={ctx}
        consultation={consultation}
        comment={found.comment}
        sectionLabels={await commentSectionLabels(c.var.db, consultation.id, found.sections)}
        outcome={<ReceiptOutcome ctx={ctx} outcome={outcome} />}
      />
    );
    return c.render(page, { title: t(c.var.lang, '意見の受付内容', 'Your comment') });
  });
