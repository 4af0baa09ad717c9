/** A consultation's public page (/consultations/:id) and its related documents. */
import { Hono } from 'hono';
import { ConsultationPage } from '../../../views/pages/ConsultationPage.tsx';
import { ResultSection } from '../../../views/partials/ResultSection.tsx';
import { listPublicPageParts } from '../../data/consultations.ts';
import { findDocument } from '../../data/documents.ts';
import { loadPublishedResult } from '../../data/results.ts';
import { nextPhaseChange, phaseOf } from '../../domain/lifecycle.ts';
import type { PublicConsultationEnv } from '../../env.ts';
import { notFound } from '../../http/errors.ts';
import { cacheable } from '../../http/page-cache.ts';
import { pageCtx } from '../../http/render.tsx';
import { documentResponseHeaders } from '../../lib/download.ts';
import { positiveInt } from '../../lib/params.ts';

export const consultationPage = new Hono<PublicConsultationEnv>()
  .get('/', async (c) => {
    const { db, consultation } = c.var;
    const now = c.var.clock.now();
    const phase = phaseOf(consultation, now);
    cacheable(c, nextPhaseChange([consultation], now));
    const [parts, result] = await Promise.all([
      listPublicPageParts(db, consultation.id),
      phase === 'result_published' ? loadPublishedResult(db, consultation.id) : undefined,
    ]);
    const ctx = pageCtx(c);
    const page = (
      <ConsultationPage
        ctx={ctx}
        consultation={consultation}
        phase={phase}
        {...parts}
        result={result ? <ResultSection ctx={ctx} result={result} /> : undefined}
      />
    );
    return c.render(page, { title: consultation.title });
  })
  .get('/documents/:docId', async (c) => {
    const docId = positiveInt(c.req.param('docId'));
    const doc = docId === undefined ? undefined : await findDocument(c.var.db, c.var.consultation.id, docId);
    if (!doc) throw notFound(c.var.lang);
    return c.body(new Uint8Array(doc.data), 200, documentResponseHeaders(doc));
  });
