/** Staff type in a comment that came by post, fax, email or at the counter. */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  NewCommentPage,
  type PaperFormValues,
} from '../../../../views/pages/staff/comments/NewCommentPage.tsx';
import { emptyCommentForm } from '../../../domain/comment-intake.ts';
import { receivedDateError, receivedInstant } from '../../../domain/csv-import.ts';
import { intakeRefusalMessage } from '../../../domain/intake.ts';
import type { ConsultationEnv } from '../../../env.ts';
import { pageCtx, seeOther } from '../../../http/render.tsx';
import {
  type FieldErrors,
  type FormInput,
  formValues,
  readForm,
  validatorsFor,
} from '../../../http/validate.ts';
import { commentsPath } from '../../../lib/comments.ts';
import { t } from '../../../lib/i18n.ts';
import { tokyoDateString } from '../../../lib/time.ts';
import { paperCommentSchema } from '../../../schemas/comments.ts';
import { enterPaperComment } from '../../../usecases/intake.ts';
import { type C, draftSections, intakeClosedMessage, intakeOpen, sectionOptions } from './shared.ts';

export const entry = new Hono<ConsultationEnv>();
const { form } = validatorsFor<ConsultationEnv>();

const newKey = () => randomBytes(16).toString('base64url');

function emptyForm(now: Date): PaperFormValues {
  return {
    ...emptyCommentForm(),
    channel: 'post',
    received_date: tokyoDateString(now),
    submission_key: newKey(),
  };
}

/** The form again with what was typed and a message per field (422). */
async function refuse(c: C, input: FormInput, errors: FieldErrors) {
  const values: PaperFormValues = formValues(input, { ...emptyForm(c.var.clock.now()) });
  // The key keeps a double submit from making two comments; an unusable one is replaced.
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(values.submission_key)) values.submission_key = newKey();
  const page = (
    <NewCommentPage
      ctx={pageCtx(c)}
      consultation={c.var.consultation}
      sections={sectionOptions(await draftSections(c))}
      values={values}
      errors={errors}
    />
  );
  return c.render(page, {
    title: t(c.var.lang, '入力内容の確認が必要です', 'Please check the form'),
    status: 422,
  });
}

entry.get('/', async (c) => {
  const page = (
    <NewCommentPage
      ctx={pageCtx(c)}
      consultation={c.var.consultation}
      sections={sectionOptions(await draftSections(c))}
      values={emptyForm(c.var.clock.now())}
      errors={{}}
      closed={intakeClosedMessage(c)}
    />
  );
  return c.render(page, {
    title: t(c.var.lang, '紙・メールで届いた意見の入力', 'Enter a comment received on paper'),
  });
});

entry.post(
  '/',
  intakeOpen,
  form(async (c) => paperCommentSchema((await draftSections(c)).map((s) => s.id)), refuse),
  async (c) => {
    const input = c.req.valid('form');
    const { consultation, clock, lang } = c.var;
    const now = clock.now();
    const dateProblem = receivedDateError(input.receivedDate, consultation, now, lang);
    if (dateProblem) return refuse(c, await readForm(c), { received_date: dateProblem });
    const outcome = await enterPaperComment(
      c.var.db,
      c.var.secret,
      {
        consultationId: consultation.id,
        draft: input.draft,
        channel: input.channel,
        receivedAt: receivedInstant(input.receivedDate, consultation, now),
        submissionKey: input.submissionKey ? `staff:${input.submissionKey}` : null,
        actor: c.var.actor,
      },
      now,
    );
    if (!outcome.ok) {
      const message = intakeRefusalMessage(outcome.refusal, lang);
      // The date is the person's to correct; anything else closed intake since the form was read.
      if (outcome.refusal === 'outside_period' || outcome.refusal === 'future')
        return refuse(c, await readForm(c), { received_date: message });
      throw new HTTPException(409, { message });
    }
    return seeOther(c, commentsPath(consultation.id, `/${outcome.comment.id}?entered=1`));
  },
);
