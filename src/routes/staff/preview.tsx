/**
 * Previews (/staff/consultations/:id/preview, and the result's in review/publish.tsx): the public
 * consultation page, rendered by the same view as /consultations/:id, as it will be once
 * published, marked プレビュー. Staff pages are never cached (src/http/security.ts); a preview
 * also tells search engines not to index it, should its address ever leak.
 */
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import type { Child } from 'hono/jsx';
import type { Consultation } from '../../../db/schema.ts';
import { ConsultationPage } from '../../../views/pages/ConsultationPage.tsx';
import { PreviewPage, type PreviewPageProps } from '../../../views/pages/staff/PreviewPage.tsx';
import { listPublicPageParts } from '../../data/consultations.ts';
import { asPublishedNow } from '../../domain/consultation-rules.ts';
import { type Phase, phaseOf } from '../../domain/lifecycle.ts';
import type { ConsultationEnv } from '../../env.ts';
import { pageCtx } from '../../http/render.tsx';
import { t } from '../../lib/i18n.ts';

/** A preview is for staff only: not indexed, not kept by any cache. */
export const previewHeaders: MiddlewareHandler<ConsultationEnv> = async (c, next) => {
  c.header('X-Robots-Tag', 'noindex, nofollow');
  c.header('Cache-Control', 'no-store');
  await next();
};

/** The public page of `consultation` in `phase`, framed as a preview. */
export async function renderPreview(
  c: Context<ConsultationEnv>,
  view: {
    consultation: Consultation;
    phase: Phase;
    result?: (ctx: ReturnType<typeof pageCtx>) => Child;
  } & Omit<PreviewPageProps, 'ctx' | 'children'>,
) {
  const { consultation, phase, result, ...frame } = view;
  const ctx = pageCtx(c);
  const parts = await listPublicPageParts(c.var.db, consultation.id);
  const page = (
    <PreviewPage ctx={ctx} {...frame}>
      <ConsultationPage
        ctx={ctx}
        consultation={consultation}
        phase={phase}
        {...parts}
        result={result ? result(ctx) : undefined}
      />
    </PreviewPage>
  );
  return c.render(page, {
    title: t(c.var.lang, `プレビュー：${consultation.title}`, `Preview: ${consultation.title}`),
  });
}

export const preview = new Hono<ConsultationEnv>().get('/', previewHeaders, (c) => {
  const { consultation } = c.var;
  const now = c.var.clock.now();
  const base = `/staff/consultations/${consultation.id}`;
  const draft = consultation.status === 'draft';
  const published = asPublishedNow(consultation, now);
  return renderPreview(c, {
    consultation: published,
    phase: phaseOf(published, now),
    kind: 'consultation',
    back: { href: base, label: t(c.var.lang, '案件の管理画面に戻る', 'Back to the consultation') },
    next: draft
      ? { href: `${base}/publish`, label: t(c.var.lang, '公表の確認へ進む', 'Go on to publishing') }
      : undefined,
  });
});
