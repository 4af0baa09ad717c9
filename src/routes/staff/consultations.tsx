/**
 * A consultation's details: the form to create one (/staff/consultations/new), and in the room of
 * one consultation its staff page and the form to edit its details. The period rules are the use
 * case's (src/usecases/consultations.ts); this file turns its problem codes into messages.
 */
import { type Context, Hono } from 'hono';
import type { Consultation } from '../../../db/schema.ts';
import {
  ConsultationFormPage,
  type ConsultationFormValues,
} from '../../../views/pages/staff/consultationForm.tsx';
import { ConsultationStaffPage } from '../../../views/pages/staff/consultationPage.tsx';
import {
  findConsultation,
  listCorrections,
  listDocuments,
  listDraftSections,
} from '../../data/consultations.ts';
import { listDepartments, listUserDepartmentIds, listUserDepartments } from '../../data/departments.ts';
import { countComments, listStaffConsultations } from '../../data/staff-consultations.ts';
import { copiedFields } from '../../domain/consultation-rules.ts';
import { phaseOf } from '../../domain/lifecycle.ts';
import type { ConsultationEnv, SignedInEnv } from '../../env.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { pageCtx, seeOther } from '../../http/render.tsx';
import {
  type FieldErrors,
  type FormInput,
  formValues,
  readForm,
  validatorsFor,
} from '../../http/validate.ts';
import { type Lang, t } from '../../lib/i18n.ts';
import { positiveInt } from '../../lib/params.ts';
import { startOfTokyoDay, tokyoDateString, toTokyoLocalInput } from '../../lib/time.ts';
import { consultationFormDefaults, consultationSchema } from '../../schemas/consultations.ts';
import {
  type ConsultationProblem,
  createConsultation,
  saveConsultation,
} from '../../usecases/consultations.ts';
import { notWithdrawn } from './shared.ts';

/** Where each problem of the use case is shown, and what it says. */
const PROBLEMS: Record<Exclude<ConsultationProblem, 'withdrawn' | 'not_found'>, [string, string, string]> = {
  closes_before_opens: [
    'closes_at',
    '締切日時は開始日時より後にしてください。',
    'The closing must be after the opening.',
  ],
  short_period_needs_reason: [
    'short_period_reason',
    '募集期間が30日未満です。やむを得ない理由を入力してください（公表されます）。',
    'The period is shorter than 30 days: state the reason (it is published).',
  ],
  title_frozen: ['_form', '公表後は件名を変更できません。', 'The title cannot change after publishing.'],
  closing_not_extended: [
    'closes_at',
    '公表後は、締切を延長することだけができます（短縮・取り消しはできません）。',
    'After publishing the closing can only be extended, not brought forward or removed.',
  ],
  extension_needs_note: [
    'change_note',
    '締切を延長する理由を入力してください。',
    'State why the closing is extended.',
  ],
  department_unknown: ['department_id', '担当課を選んでください。', 'Choose the department.'],
  department_not_yours: [
    'department_id',
    '所属する課を選んでください。ほかの課の意見募集は作成・移管できません。',
    'Choose one of your departments: you cannot create or hand over a consultation for another.',
  ],
};

function problemErrors(problems: readonly ConsultationProblem[], lang: Lang): FieldErrors {
  const errors: FieldErrors = {};
  for (const p of problems) {
    if (p === 'withdrawn')
      throw conflict(
        lang,
        '中止した意見募集は変更できません。',
        'A withdrawn consultation cannot be changed.',
      );
    if (p === 'not_found') throw notFound(lang);
    const [field, ja, en] = PROBLEMS[p];
    errors[field] ??= t(lang, ja, en);
  }
  return errors;
}

const formTitle = <E extends SignedInEnv>(c: Context<E>, editing: boolean) =>
  editing
    ? t(c.var.lang, '基本情報の編集', 'Edit the consultation')
    : t(c.var.lang, '新しい意見募集を作成', 'New consultation');

/**
 * The departments the person may choose: their own, or every one for an administrator (the
 * use case checks the choice again).
 */
async function departmentChoices<E extends SignedInEnv>(c: Context<E>) {
  const { db, user } = c.var;
  const rows = user.role === 'admin' ? await listDepartments(db) : await listUserDepartments(db, user.id);
  return rows.map(({ id, name }) => ({ id, name }));
}

/** The form, new or for `consultation`; with errors it is the 422 that keeps what was typed. */
async function formPage<E extends SignedInEnv>(
  c: Context<E>,
  values: ConsultationFormValues,
  consultation?: Consultation,
  errors?: FieldErrors,
  from?: Consultation,
) {
  const { _form: formError, ...fieldErrors } = errors ?? {};
  // A new one may start from any earlier consultation (the 要綱's rules rarely change).
  const copy = consultation
    ? undefined
    : {
        lang: c.var.lang,
        choices: (await listStaffConsultations(c.var.db, await ownDepartmentIds(c))).map(({ id, title }) => ({
          id,
          title,
        })),
        from: from ? { id: from.id, title: from.title } : undefined,
      };
  const page = (
    <ConsultationFormPage
      ctx={pageCtx(c)}
      consultation={consultation}
      values={values}
      departments={await departmentChoices(c)}
      errors={fieldErrors}
      formError={formError}
      copy={copy}
    />
  );
  return c.render(page, { title: formTitle(c, consultation !== undefined), status: errors ? 422 : 200 });
}

/**
 * A new consultation's form: the city's default length limit and period (opening tomorrow,
 * closing after the default number of days, both ends counted), and the person's department
 * when they have only one.
 */
async function newFormValues<E extends SignedInEnv>(c: Context<E>): Promise<ConsultationFormValues> {
  const { city } = c.var;
  const departments = await departmentChoices(c);
  const opens = tokyoDateString(new Date(c.var.clock.now().getTime() + DAY_MS));
  const closes = tokyoDateString(
    new Date(startOfTokyoDay(opens).getTime() + (city.defaultPeriodDays - 1) * DAY_MS),
  );
  return {
    ...consultationFormDefaults,
    department_id: departments.length === 1 ? String(departments[0]?.id) : '',
    max_comment_length: String(city.defaultMaxCommentLength),
    opens_at: `${opens}T00:00`,
    closes_at: `${closes}T23:59`,
  };
}

const DAY_MS = 86_400_000;

const typed = (input: FormInput) => formValues(input, consultationFormDefaults);

/** The stored consultation (or what is copied of one) as its form shows it: times in Tokyo, flags as ticks. */
function storedValues(c: Partial<Consultation>): ConsultationFormValues {
  const input: FormInput = {};
  for (const [key, value] of Object.entries(c)) {
    if (typeof value === 'string') input[key] = value;
    // Flags are 0/1: 0 is a box left unticked.
    else if (typeof value === 'number') input[key] = value === 0 ? '' : String(value);
  }
  input.categories = (c.categories ?? '').split(' ').filter(Boolean);
  input.opens_at = c.opens_at ? toTokyoLocalInput(c.opens_at) : '';
  input.closes_at = c.closes_at ? toTokyoLocalInput(c.closes_at) : '';
  return typed(input);
}

const { form } = validatorsFor<SignedInEnv>();

/**
 * The form for a new consultation, empty or (`?from=<id>`) filled with what an earlier one gives
 * a new one (src/domain/consultation-rules.ts: COPIED_FIELDS).
 */
async function newForm(c: Context<SignedInEnv>) {
  const fresh = await newFormValues(c);
  const fromParam = c.req.query('from');
  if (fromParam === undefined || fromParam === '') return formPage(c, fresh);
  const id = positiveInt(fromParam);
  const from = id === undefined ? undefined : await findConsultation(c.var.db, id);
  // Only a consultation of one's own departments: another department's draft stays unseen.
  const own = await ownDepartmentIds(c);
  if (!from || (own !== 'all' && (from.department_id === null || !own.includes(from.department_id))))
    throw notFound(c.var.lang);
  // The period is the new one's own; everything else as the earlier consultation had it.
  const values = {
    ...storedValues(copiedFields(from)),
    opens_at: fresh.opens_at,
    closes_at: fresh.closes_at,
    copied_from: String(from.id),
  };
  return formPage(c, values, undefined, undefined, from);
}

/** The departments whose consultations the person works on: every one for an administrator. */
async function ownDepartmentIds<E extends SignedInEnv>(c: Context<E>): Promise<number[] | 'all'> {
  const { db, user } = c.var;
  return user.role === 'admin' ? 'all' : listUserDepartmentIds(db, user.id);
}

/** /staff/consultations: a new consultation. */
export const consultations = new Hono<SignedInEnv>().get('/new', newForm).post(
  '/',
  form(consultationSchema, (c, input, errors) => formPage(c, typed(input), undefined, errors)),
  async (c) => {
    const saved = await createConsultation(c.var.db, c.req.valid('form'), c.var.actor, c.var.clock.now());
    if (!saved.ok)
      return formPage(c, typed(await readForm(c)), undefined, problemErrors(saved.problems, c.var.lang));
    return seeOther(c, `/staff/consultations/${saved.id}?notice=created`);
  },
);

const inRoom = validatorsFor<ConsultationEnv>();

/** /staff/consultations/:id: the staff page and the details form. */
export const details = new Hono<ConsultationEnv>()
  .get('/', async (c) => {
    const { db, consultation } = c.var;
    const [sections, documents, corrections, commentCount] = await Promise.all([
      listDraftSections(db, consultation.id),
      listDocuments(db, consultation.id),
      listCorrections(db, consultation.id),
      countComments(db, consultation.id),
    ]);
    const page = (
      <ConsultationStaffPage
        ctx={pageCtx(c)}
        consultation={consultation}
        phase={phaseOf(consultation, c.var.clock.now())}
        sections={sections}
        documents={documents}
        corrections={corrections}
        commentCount={commentCount}
        notice={c.req.query('notice')}
      />
    );
    return c.render(page, { title: consultation.title });
  })
  .get('/edit', notWithdrawn, (c) => formPage(c, storedValues(c.var.consultation), c.var.consultation))
  .post(
    '/edit',
    notWithdrawn,
    inRoom.form(consultationSchema, (c, input, errors) =>
      formPage(c, typed(input), c.var.consultation, errors),
    ),
    async (c) => {
      const { db, consultation } = c.var;
      const saved = await saveConsultation(
        db,
        consultation.id,
        c.req.valid('form'),
        c.var.actor,
        c.var.clock.now(),
      );
      if (!saved.ok) {
        return formPage(c, typed(await readForm(c)), consultation, problemErrors(saved.problems, c.var.lang));
      }
      return seeOther(c, `/staff/consultations/${consultation.id}?notice=saved`);
    },
  );
