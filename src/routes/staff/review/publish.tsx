/**
 * Publishing the result (/review/publish): what still stands in the way, what deserves a second
 * look, and the button. The decision and the write are one use case (src/usecases/publish-result.ts).
 */
import { Hono } from 'hono';
import { PublishPage } from '../../../../views/pages/staff/review/PublishPage.tsx';
import { ResultSection } from '../../../../views/partials/ResultSection.tsx';
import type { ConsultationEnv } from '../../../env.ts';
import { pageCtx, seeOther } from '../../../http/render.tsx';
import { type FieldErrors, formValues, validatorsFor } from '../../../http/validate.ts';
import { t } from '../../../lib/i18n.ts';
import { reviewBase } from '../../../lib/review-paths.ts';
import { publishSchema } from '../../../schemas/review.ts';
import { assessPublication, previewResult, publishResult } from '../../../usecases/publish-result.ts';
import { previewHeaders, renderPreview } from '../preview.tsx';
import type { C } from './shared.ts';

export const publish = new Hono<ConsultationEnv>();
const { form } = validatorsFor<ConsultationEnv>();

async function renderPublish(c: C, typed?: { note: string; policyDropped: boolean; errors?: FieldErrors }) {
  const consultation = c.var.consultation;
  const { progress, groups, problems, warnings } = await assessPublication(
    c.var.db,
    consultation,
    c.var.clock.now(),
  );
  const page = (
    <PublishPage
      ctx={pageCtx(c)}
      consultation={consultation}
      progress={progress}
      groups={groups}
      problems={problems}
      warnings={warnings}
      note={typed?.note ?? consultation.result_note}
      policyDropped={typed?.policyDropped ?? consultation.policy_dropped === 1}
      attempted={typed !== undefined}
      errors={typed?.errors}
    />
  );
  return c.render(page, {
    title: t(c.var.lang, `結果の公表：${consultation.title}`, `Publish the result: ${consultation.title}`),
    status: typed ? 422 : 200,
  });
}

publish.get('/', (c) => renderPublish(c));

/** The public page with the result as publishing it now would show it, from the page or the form. */
async function renderResultPreview(c: C, input: { note: string; policyDropped: boolean }) {
  const { consultation } = c.var;
  const now = c.var.clock.now();
  const { result, problems } = await previewResult(c.var.db, consultation, input, now);
  const b = reviewBase(consultation.id);
  return renderPreview(c, {
    consultation: {
      ...consultation,
      result_published_at: result.consultation.resultPublishedAt,
      result_note: input.note,
      policy_dropped: input.policyDropped ? 1 : 0,
    },
    phase: 'result_published',
    result: (ctx) => <ResultSection ctx={ctx} result={result} />,
    kind: 'result',
    back: {
      href: `${b}/publish`,
      label: t(c.var.lang, '結果の公表画面に戻る', 'Back to publishing the result'),
    },
    publish: { action: `${b}/publish`, ...input },
    blocked: problems.length > 0,
  });
}

publish.get('/preview', previewHeaders, (c) =>
  renderResultPreview(c, {
    note: c.var.consultation.result_note,
    policyDropped: c.var.consultation.policy_dropped === 1,
  }),
);

/** The publish form, checked; a bad note shows the publishing page again with the message. */
const publishForm = form(publishSchema, (c, input, errors) => {
  const v = formValues(input, { result_note: '', policy_dropped: false });
  return renderPublish(c, { note: v.result_note, policyDropped: v.policy_dropped, errors });
});

publish.post('/preview', previewHeaders, publishForm, (c) => {
  const { result_note: note, policy_dropped: policyDropped } = c.req.valid('form');
  return renderResultPreview(c, { note, policyDropped });
});

publish.post('/', publishForm, async (c) => {
  const { result_note: note, policy_dropped: policyDropped } = c.req.valid('form');
  const id = c.var.consultation.id;
  const outcome = await publishResult(c.var.db, id, { note, policyDropped }, c.var.actor, c.var.clock.now());
  if (!outcome.published) return renderPublish(c, { note, policyDropped });
  return seeOther(c, `${reviewBase(id)}?notice=published`);
});
