import type { Context } from 'hono';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { Consultation, ConsultationUpdate } from '../../db/schema.ts';
import {
  ConsultationFormPage,
  type ConsultationFormValues,
} from '../../views/pages/staff/consultationForm.tsx';
import { PublishConfirmPage, WithdrawPage } from '../../views/pages/staff/consultationConfirm.tsx';
import {
  DraftImportPage,
  type DraftImportValues,
  DraftPreviewPage,
} from '../../views/pages/staff/consultationDraft.tsx';
import { ConsultationStaffPage } from '../../views/pages/staff/consultationPage.tsx';
import { formatBytes } from '../lib/format.ts';
import {
  CorrectionFormPage,
  type CorrectionFormValues,
  SectionFormPage,
  type SectionFormValues,
} from '../../views/pages/staff/consultationSection.tsx';
import { StaffHome } from '../../views/pages/staff/StaffHome.tsx';
import type { FieldErrors } from '../../views/partials/forms.tsx';
import {
  findConsultation,
  listCorrections,
  listDocuments,
  listDraftSections,
} from '../data/consultations.ts';
import {
  type ConsultationFields,
  correctSection,
  countComments,
  createConsultation,
  createSection,
  deleteSection,
  findSection,
  importSections,
  listStaffConsultations,
  moveSection,
  publishConsultation,
  updateConsultation,
  updateSection,
  withdrawConsultation,
} from '../data/staff-consultations.ts';
import {
  canWithdraw,
  checkPeriod,
  classifyPublishedChange,
  isFrozen,
  planPublish,
} from '../domain/consultation-rules.ts';
import { decodeDraftFile, splitDraft } from '../domain/draft-split.ts';
import { phaseOf } from '../domain/lifecycle.ts';
import type { Actor } from '../data/audit.ts';
import type { AppEnv } from '../env.ts';
import { requireRole } from '../http/session.ts';
import { type Lang, t } from '../lib/i18n.ts';
import { positiveInt } from '../lib/params.ts';
import { pageCtx, render, seeOther } from '../lib/render.tsx';
import { endOfTokyoDay, fromTokyoLocalInput, toTokyoLocalInput } from '../lib/time.ts';

/**
 * Staff authoring of consultations (/staff): the list, create and edit, the draft and its
 * sections, related documents, publishing, withdrawal and corrections. Every route needs a
 * staff or admin account; every change is audited in the data functions it calls.
 */
export const staffRoutes = new Hono<AppEnv>();

staffRoutes.use('*', requireRole('staff', 'admin'));

type C = Context<AppEnv>;
type Body = Record<string, string | File>;

const MAX_DRAFT_BYTES = 5 * 1024 * 1024;

function actorOf(c: C): Actor {
  const user = c.var.user;
  if (!user) throw new HTTPException(401);
  return { id: user.id, label: user.email, ip: c.var.clientIp };
}

function str(body: Body, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v : '';
}

function idParam(c: C, name: string): number {
  const id = positiveInt(c.req.param(name));
  if (id === undefined) throw notFound(c.var.lang);
  return id;
}

function notFound(lang: Lang) {
  return new HTTPException(404, { message: t(lang, 'ページが見つかりません。', 'Page not found.') });
}

function conflict(lang: Lang, ja: string, en: string) {
  return new HTTPException(409, { message: t(lang, ja, en) });
}

async function loadConsultation(c: C): Promise<Consultation> {
  const consultation = await findConsultation(c.var.db, idParam(c, 'id'));
  if (!consultation) throw notFound(c.var.lang);
  return consultation;
}

function refuseIfFrozen(c: C, consultation: Consultation) {
  if (isFrozen(consultation)) {
    throw conflict(
      c.var.lang,
      '公表後の案文は変更できません。誤りは「正誤」で訂正してください。',
      'A published draft cannot be changed. Use a correction instead.',
    );
  }
}

function noticeText(lang: Lang, key: string | undefined): string | undefined {
  const notices: Record<string, [string, string]> = {
    created: [
      '意見募集を作成しました。次に案文を取り込んでください。',
      'Consultation created. Now import the draft.',
    ],
    saved: ['保存しました。', 'Saved.'],
    imported: ['案文を節に分けて保存しました。', 'The draft sections were saved.'],
    section_saved: ['節を保存しました。', 'The section was saved.'],
    section_deleted: ['節を削除しました。', 'The section was deleted.'],
    moved: ['節の順番を変更しました。', 'The section was moved.'],
    corrected: ['訂正（正誤）を記録しました。', 'The correction was recorded.'],
    uploaded: ['資料を追加しました。', 'The document was added.'],
    renamed: ['資料名を変更しました。', 'The document was renamed.'],
    document_deleted: ['資料を削除しました。', 'The document was deleted.'],
    published: ['公表しました。', 'Published.'],
    withdrawn: ['意見募集を中止しました。', 'The consultation was withdrawn.'],
  };
  const pair = key ? notices[key] : undefined;
  return pair ? t(lang, pair[0], pair[1]) : undefined;
}

// ─── the staff home ──────────────────────────────────────────────────────────────────────

staffRoutes.get('/', async (c) => {
  const now = c.var.clock.now();
  const rows = await listStaffConsultations(c.var.db);
  const items = rows.map((consultation) => ({ consultation, phase: phaseOf(consultation, now) }));
  return render(c, {
    title: t(c.var.lang, '職員トップ', 'Staff home'),
    body: <StaffHome ctx={pageCtx(c)} items={items} />,
    area: 'staff',
  });
});

// ─── create and edit ─────────────────────────────────────────────────────────────────────

const DEFAULT_VALUES: ConsultationFormValues = {
  title: '',
  summary: '',
  purpose: '',
  department: '',
  contact: '',
  legal_basis: '',
  eligibility: '',
  submit_postal_address: '',
  submit_fax: '',
  submit_email: '',
  submit_counter: '',
  require_name: true,
  require_address: true,
  require_category: true,
  allow_anonymous: false,
  max_comment_length: '4000',
  opens_at: '',
  closes_at: '',
  short_period_reason: '',
  change_note: '',
};

function valuesFromConsultation(c: Consultation): ConsultationFormValues {
  return {
    title: c.title,
    summary: c.summary,
    purpose: c.purpose,
    department: c.department,
    contact: c.contact,
    legal_basis: c.legal_basis,
    eligibility: c.eligibility,
    submit_postal_address: c.submit_postal_address,
    submit_fax: c.submit_fax,
    submit_email: c.submit_email,
    submit_counter: c.submit_counter,
    require_name: c.require_name === 1,
    require_address: c.require_address === 1,
    require_category: c.require_category === 1,
    allow_anonymous: c.allow_anonymous === 1,
    max_comment_length: String(c.max_comment_length),
    opens_at: c.opens_at ? toTokyoLocalInput(c.opens_at) : '',
    closes_at: c.closes_at ? toTokyoLocalInput(c.closes_at) : '',
    short_period_reason: c.short_period_reason,
    change_note: '',
  };
}

function valuesFromBody(body: Body): ConsultationFormValues {
  const flag = (name: string) => str(body, name) !== '';
  return {
    title: str(body, 'title'),
    summary: str(body, 'summary'),
    purpose: str(body, 'purpose'),
    department: str(body, 'department'),
    contact: str(body, 'contact'),
    legal_basis: str(body, 'legal_basis'),
    eligibility: str(body, 'eligibility'),
    submit_postal_address: str(body, 'submit_postal_address'),
    submit_fax: str(body, 'submit_fax'),
    submit_email: str(body, 'submit_email'),
    submit_counter: str(body, 'submit_counter'),
    require_name: flag('require_name'),
    require_address: flag('require_address'),
    require_category: flag('require_category'),
    allow_anonymous: flag('allow_anonymous'),
    max_comment_length: str(body, 'max_comment_length'),
    opens_at: str(body, 'opens_at'),
    closes_at: str(body, 'closes_at'),
    short_period_reason: str(body, 'short_period_reason'),
    change_note: str(body, 'change_note'),
  };
}

function consultationSchema(lang: Lang) {
  const text = (max: number) =>
    z
      .string()
      .trim()
      .max(max, t(lang, `${max}文字以内で入力してください。`, `Use at most ${max} characters.`));
  const when = z
    .string()
    .trim()
    .refine(
      (v) => v === '' || fromTokyoLocalInput(v) !== null,
      t(
        lang,
        '日時を「2026-12-01 09:00」の形で入力してください。',
        'Enter a date and time such as 2026-12-01 09:00.',
      ),
    );
  const lengthMessage = t(
    lang,
    '100から100000までの数を入力してください。',
    'Enter a number from 100 to 100,000.',
  );
  return z.object({
    title: text(200).min(1, t(lang, '件名を入力してください。', 'Enter a title.')),
    summary: text(2000),
    purpose: text(10000),
    department: text(100),
    contact: text(1000),
    legal_basis: text(1000),
    eligibility: text(2000),
    submit_postal_address: text(500),
    submit_fax: text(50).refine(
      (v) => /^[0-9０-９()（）\-‐－ー\s+]*$/.test(v),
      t(lang, 'FAX番号は数字とハイフンで入力してください。', 'Enter the fax number with digits and hyphens.'),
    ),
    submit_email: text(200).refine(
      (v) => v === '' || z.email().safeParse(v).success,
      t(lang, 'メールアドレスの形式が正しくありません。', 'This does not look like an email address.'),
    ),
    submit_counter: text(1000),
    max_comment_length: z
      .string()
      .trim()
      .regex(/^\d{1,6}$/, lengthMessage)
      .transform(Number)
      .pipe(z.number().int().min(100, lengthMessage).max(100000, lengthMessage)),
    opens_at: when,
    closes_at: when,
    short_period_reason: text(2000),
    change_note: text(2000),
  });
}

/** A closing at 23:59 means the end of that Tokyo day, as the public period shows it. */
function parseCloses(value: string): Date | null {
  const d = fromTokyoLocalInput(value.trim());
  if (!d) return null;
  if (value.trim().endsWith('T23:59')) return endOfTokyoDay(value.trim().slice(0, 10));
  return d;
}

interface ParsedConsultation {
  fields: ConsultationFields;
  opensAt: Date | null;
  closesAt: Date | null;
  changeNote: string;
}

/** zod for the shape, consultation-rules for the period; messages keyed by field. */
function parseConsultationForm(
  lang: Lang,
  values: ConsultationFormValues,
  fixedOpensAt?: Date | null,
): { ok: true; parsed: ParsedConsultation } | { ok: false; errors: FieldErrors } {
  const result = consultationSchema(lang).safeParse(values);
  const errors: FieldErrors = {};
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (key && !errors[key]) errors[key] = issue.message;
    }
    return { ok: false, errors };
  }
  const v = result.data;
  const opensAt =
    fixedOpensAt !== undefined ? fixedOpensAt : v.opens_at ? fromTokyoLocalInput(v.opens_at) : null;
  const closesAt = v.closes_at ? parseCloses(v.closes_at) : null;
  for (const problem of checkPeriod({ opensAt, closesAt, shortPeriodReason: v.short_period_reason })) {
    if (problem === 'closes_before_opens') {
      errors.closes_at = t(
        lang,
        '締切日時は開始日時より後にしてください。',
        'The closing must be after the opening.',
      );
    } else {
      errors.short_period_reason = t(
        lang,
        '募集期間が30日未満です。やむを得ない理由を入力してください（公表されます）。',
        'The period is shorter than 30 days: state the reason (it is published).',
      );
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    parsed: {
      fields: {
        title: v.title,
        summary: v.summary,
        purpose: v.purpose,
        department: v.department,
        contact: v.contact,
        legal_basis: v.legal_basis,
        eligibility: v.eligibility,
        submit_postal_address: v.submit_postal_address,
        submit_fax: v.submit_fax,
        submit_email: v.submit_email,
        submit_counter: v.submit_counter,
        require_name: values.require_name ? 1 : 0,
        require_address: values.require_address ? 1 : 0,
        require_category: values.require_category ? 1 : 0,
        allow_anonymous: values.allow_anonymous ? 1 : 0,
        max_comment_length: v.max_comment_length,
        opens_at: opensAt ? opensAt.toISOString() : null,
        closes_at: closesAt ? closesAt.toISOString() : null,
        short_period_reason: v.short_period_reason,
      },
      opensAt,
      closesAt,
      changeNote: v.change_note,
    },
  };
}

staffRoutes.get('/consultations/new', (c) =>
  render(c, {
    title: t(c.var.lang, '新しい意見募集を作成', 'New consultation'),
    body: <ConsultationFormPage ctx={pageCtx(c)} values={DEFAULT_VALUES} />,
    area: 'staff',
  }),
);

staffRoutes.post('/consultations', async (c) => {
  const lang = c.var.lang;
  const values = valuesFromBody((await c.req.parseBody()) as Body);
  const result = parseConsultationForm(lang, values);
  if (!result.ok) {
    return render(c, {
      title: t(lang, '新しい意見募集を作成', 'New consultation'),
      body: <ConsultationFormPage ctx={pageCtx(c)} values={values} errors={result.errors} />,
      status: 422,
      area: 'staff',
    });
  }
  const id = await createConsultation(c.var.db, result.parsed.fields, actorOf(c), c.var.clock.now());
  return seeOther(c, `/staff/consultations/${id}?notice=created`);
});

staffRoutes.get('/consultations/:id', async (c) => {
  const consultation = await loadConsultation(c);
  const db = c.var.db;
  const [sections, documents, corrections, commentCount] = await Promise.all([
    listDraftSections(db, consultation.id),
    listDocuments(db, consultation.id),
    listCorrections(db, consultation.id),
    countComments(db, consultation.id),
  ]);
  return render(c, {
    title: consultation.title,
    body: (
      <ConsultationStaffPage
        ctx={pageCtx(c)}
        consultation={consultation}
        phase={phaseOf(consultation, c.var.clock.now())}
        sections={sections}
        documents={documents}
        corrections={corrections}
        commentCount={commentCount}
        notice={noticeText(c.var.lang, c.req.query('notice'))}
      />
    ),
    area: 'staff',
  });
});

function refuseIfWithdrawn(c: C, consultation: Consultation) {
  if (consultation.status === 'withdrawn') {
    throw conflict(
      c.var.lang,
      '中止した意見募集は変更できません。',
      'A withdrawn consultation cannot be changed.',
    );
  }
}

staffRoutes.get('/consultations/:id/edit', async (c) => {
  const consultation = await loadConsultation(c);
  refuseIfWithdrawn(c, consultation);
  return render(c, {
    title: t(c.var.lang, '基本情報の編集', 'Edit the consultation'),
    body: (
      <ConsultationFormPage
        ctx={pageCtx(c)}
        consultation={consultation}
        values={valuesFromConsultation(consultation)}
      />
    ),
    area: 'staff',
  });
});

staffRoutes.post('/consultations/:id/edit', async (c) => {
  const lang = c.var.lang;
  const consultation = await loadConsultation(c);
  refuseIfWithdrawn(c, consultation);
  const values = valuesFromBody((await c.req.parseBody()) as Body);
  const published = isFrozen(consultation);
  const fail = (errors: FieldErrors, formError?: string) =>
    render(c, {
      title: t(lang, '基本情報の編集', 'Edit the consultation'),
      body: (
        <ConsultationFormPage
          ctx={pageCtx(c)}
          consultation={consultation}
          values={values}
          errors={errors}
          formError={formError}
        />
      ),
      status: 422,
      area: 'staff',
    });
  // After publishing the opening is not in the form: it stays as published.
  const result = parseConsultationForm(
    lang,
    values,
    published ? (consultation.opens_at ? new Date(consultation.opens_at) : null) : undefined,
  );
  if (!result.ok) return fail(result.errors);
  const { fields, opensAt, closesAt, changeNote } = result.parsed;
  let note: string | undefined;
  if (published) {
    const change = classifyPublishedChange(consultation, { title: fields.title, opensAt, closesAt });
    if (change === 'refused_title') {
      return fail({}, t(lang, '公表後は件名を変更できません。', 'The title cannot change after publishing.'));
    }
    if (change === 'refused_period') {
      return fail({
        closes_at: t(
          lang,
          '公表後は、締切を延長することだけができます（短縮・取り消しはできません）。',
          'After publishing the closing can only be extended, not brought forward or removed.',
        ),
      });
    }
    if (change === 'extend') {
      if (!changeNote) {
        return fail({
          change_note: t(
            lang,
            '締切を延長する理由を入力してください。',
            'State why the closing is extended.',
          ),
        });
      }
      note = changeNote;
    }
  }
  const changes: ConsultationUpdate = { ...fields };
  if (published) {
    // Unchanged public fields keep their exact stored value (the form carries minutes only).
    changes.title = consultation.title;
    changes.opens_at = consultation.opens_at;
    if (note === undefined) changes.closes_at = consultation.closes_at;
  }
  await updateConsultation(c.var.db, consultation.id, changes, actorOf(c), c.var.clock.now(), { note });
  return seeOther(c, `/staff/consultations/${consultation.id}?notice=saved`);
});

// ─── the draft: import, preview, confirm ─────────────────────────────────────────────────

async function readDraftInput(c: C, body: Body): Promise<{ values: DraftImportValues; errors: FieldErrors }> {
  const lang = c.var.lang;
  const mode = str(body, 'mode') === 'replace' ? 'replace' : 'append';
  const errors: FieldErrors = {};
  let text = str(body, 'text');
  const file = body.file;
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_DRAFT_BYTES) {
      errors.file = t(
        lang,
        `ファイルが大きすぎます（${formatBytes(MAX_DRAFT_BYTES, lang)}まで）。`,
        `The file is too large (up to ${formatBytes(MAX_DRAFT_BYTES, lang)}).`,
      );
    } else if (!/\.(md|markdown|txt)$/i.test(file.name)) {
      errors.file = t(
        lang,
        'Markdown（.md）またはテキスト（.txt）のファイルを選んでください。',
        'Choose a Markdown (.md) or text (.txt) file.',
      );
    } else {
      const decoded = decodeDraftFile(new Uint8Array(await file.arrayBuffer()));
      if (decoded === null) {
        errors.file = t(
          lang,
          '文字コードを読み取れません。UTF-8 または Shift_JIS で保存したファイルを選んでください。',
          'The file could not be read. Save it as UTF-8 or Shift_JIS.',
        );
      } else {
        text = decoded;
      }
    }
  }
  if (!errors.file && text.trim() === '') {
    errors.text = t(
      lang,
      '案文を貼り付けるか、ファイルを選んでください。',
      'Paste the draft text or choose a file.',
    );
  }
  return { values: { text, mode }, errors };
}

/** The import form; with errors it is the 422 re-render that keeps the input. */
function draftImportPage(
  c: C,
  consultation: Consultation,
  existing: number,
  values: DraftImportValues,
  errors?: FieldErrors,
) {
  return render(c, {
    title: t(c.var.lang, '案文の取り込み', 'Import the draft'),
    body: (
      <DraftImportPage
        ctx={pageCtx(c)}
        consultation={consultation}
        existing={existing}
        values={values}
        errors={errors}
      />
    ),
    status: errors ? 422 : 200,
    area: 'staff',
  });
}

staffRoutes.get('/consultations/:id/draft', async (c) => {
  const consultation = await loadConsultation(c);
  refuseIfFrozen(c, consultation);
  const existing = (await listDraftSections(c.var.db, consultation.id)).length;
  return draftImportPage(c, consultation, existing, { text: '', mode: 'append' });
});

staffRoutes.post('/consultations/:id/draft/preview', async (c) => {
  const consultation = await loadConsultation(c);
  refuseIfFrozen(c, consultation);
  const existing = (await listDraftSections(c.var.db, consultation.id)).length;
  const { values, errors } = await readDraftInput(c, (await c.req.parseBody()) as Body);
  if (Object.keys(errors).length > 0) return draftImportPage(c, consultation, existing, values, errors);
  return render(c, {
    title: t(c.var.lang, '分割結果の確認', 'Check the sections'),
    body: (
      <DraftPreviewPage
        ctx={pageCtx(c)}
        consultation={consultation}
        existing={existing}
        values={values}
        sections={splitDraft(values.text)}
      />
    ),
    area: 'staff',
  });
});

staffRoutes.post('/consultations/:id/draft/confirm', async (c) => {
  const consultation = await loadConsultation(c);
  refuseIfFrozen(c, consultation);
  const { values, errors } = await readDraftInput(c, (await c.req.parseBody()) as Body);
  if (Object.keys(errors).length > 0) {
    const existing = (await listDraftSections(c.var.db, consultation.id)).length;
    return draftImportPage(c, consultation, existing, values, errors);
  }
  // Split again on the server: the preview is what this text gives, never trusted from the form.
  const sections = splitDraft(values.text).map((s) => ({
    level: s.level,
    number: s.number,
    heading: s.heading,
    body_md: s.body,
  }));
  await importSections(c.var.db, consultation.id, sections, values.mode, actorOf(c), c.var.clock.now());
  return seeOther(c, `/staff/consultations/${consultation.id}?notice=imported`);
});

// ─── sections ────────────────────────────────────────────────────────────────────────────

function sectionLabels(lang: Lang) {
  return {
    heading: t(lang, '見出しを入力してください。', 'Enter a heading.'),
    tooLong: (max: number) => t(lang, `${max}文字以内で入力してください。`, `Use at most ${max} characters.`),
  };
}

function parseSectionForm(lang: Lang, body: Body) {
  const values: SectionFormValues = {
    level: str(body, 'level') || '1',
    number: str(body, 'number'),
    heading: str(body, 'heading'),
    body_md: str(body, 'body_md'),
  };
  const m = sectionLabels(lang);
  const schema = z.object({
    level: z
      .enum(['1', '2', '3', '4'], t(lang, '1から4を選んでください。', 'Choose 1 to 4.'))
      .transform(Number),
    number: z.string().trim().max(40, m.tooLong(40)),
    heading: z.string().trim().max(300, m.tooLong(300)),
    body_md: z.string().max(200_000, m.tooLong(200_000)),
  });
  const result = schema.safeParse(values);
  const errors: FieldErrors = {};
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (key && !errors[key]) errors[key] = issue.message;
    }
  }
  if (!errors.heading && values.heading.trim() === '' && values.number.trim() === '')
    errors.heading = m.heading;
  if (!result.success || Object.keys(errors).length > 0) return { values, errors, fields: null };
  const d = result.data;
  return {
    values,
    errors,
    fields: {
      level: d.level,
      number: d.number,
      heading: d.heading,
      body_md: d.body_md.replace(/\r\n?/g, '\n'),
    },
  };
}

staffRoutes.get('/consultations/:id/sections/new', async (c) => {
  const consultation = await loadConsultation(c);
  refuseIfFrozen(c, consultation);
  return render(c, {
    title: t(c.var.lang, '節の追加', 'Add a section'),
    body: (
      <SectionFormPage
        ctx={pageCtx(c)}
        consultation={consultation}
        values={{ level: '1', number: '', heading: '', body_md: '' }}
      />
    ),
    area: 'staff',
  });
});

staffRoutes.post('/consultations/:id/sections', async (c) => {
  const consultation = await loadConsultation(c);
  refuseIfFrozen(c, consultation);
  const { values, errors, fields } = parseSectionForm(c.var.lang, (await c.req.parseBody()) as Body);
  if (!fields) {
    return render(c, {
      title: t(c.var.lang, '節の追加', 'Add a section'),
      body: <SectionFormPage ctx={pageCtx(c)} consultation={consultation} values={values} errors={errors} />,
      status: 422,
      area: 'staff',
    });
  }
  const id = await createSection(c.var.db, consultation.id, fields, actorOf(c), c.var.clock.now());
  return seeOther(c, `/staff/consultations/${consultation.id}?notice=section_saved#s-${id}`);
});

async function loadSection(c: C, consultation: Consultation) {
  const section = await findSection(c.var.db, consultation.id, idParam(c, 'sid'));
  if (!section) throw notFound(c.var.lang);
  return section;
}

staffRoutes.get('/consultations/:id/sections/:sid/edit', async (c) => {
  const consultation = await loadConsultation(c);
  const section = await loadSection(c, consultation);
  if (isFrozen(consultation)) {
    refuseIfWithdrawn(c, consultation);
    return render(c, {
      title: t(c.var.lang, '正誤（公表後の訂正）', 'Correction after publishing'),
      body: (
        <CorrectionFormPage
          ctx={pageCtx(c)}
          consultation={consultation}
          section={section}
          values={{ heading: section.heading, body_md: section.body_md, note: '' }}
          refused
        />
      ),
      area: 'staff',
    });
  }
  return render(c, {
    title: t(c.var.lang, '節の編集', 'Edit a section'),
    body: (
      <SectionFormPage
        ctx={pageCtx(c)}
        consultation={consultation}
        section={section}
        values={{
          level: String(section.level),
          number: section.number,
          heading: section.heading,
          body_md: section.body_md,
        }}
      />
    ),
    area: 'staff',
  });
});

staffRoutes.post('/consultations/:id/sections/:sid/edit', async (c) => {
  const consultation = await loadConsultation(c);
  const section = await loadSection(c, consultation);
  const parsed = parseSectionForm(c.var.lang, (await c.req.parseBody()) as Body);
  if (isFrozen(consultation)) {
    refuseIfWithdrawn(c, consultation);
    // Refused: nothing changes. The correction form offers the proper way, with the input kept.
    return render(c, {
      title: t(c.var.lang, '正誤（公表後の訂正）', 'Correction after publishing'),
      body: (
        <CorrectionFormPage
          ctx={pageCtx(c)}
          consultation={consultation}
          section={section}
          values={{ heading: parsed.values.heading, body_md: parsed.values.body_md, note: '' }}
          refused
        />
      ),
      status: 409,
      area: 'staff',
    });
  }
  if (!parsed.fields) {
    return render(c, {
      title: t(c.var.lang, '節の編集', 'Edit a section'),
      body: (
        <SectionFormPage
          ctx={pageCtx(c)}
          consultation={consultation}
          section={section}
          values={parsed.values}
          errors={parsed.errors}
        />
      ),
      status: 422,
      area: 'staff',
    });
  }
  await updateSection(c.var.db, consultation.id, section.id, parsed.fields, actorOf(c), c.var.clock.now());
  return seeOther(c, `/staff/consultations/${consultation.id}?notice=section_saved#s-${section.id}`);
});

staffRoutes.post('/consultations/:id/sections/:sid/delete', async (c) => {
  const consultation = await loadConsultation(c);
  refuseIfFrozen(c, consultation);
  const section = await loadSection(c, consultation);
  await deleteSection(c.var.db, consultation.id, section.id, actorOf(c), c.var.clock.now());
  return seeOther(c, `/staff/consultations/${consultation.id}?notice=section_deleted`);
});

staffRoutes.post('/consultations/:id/sections/:sid/move', async (c) => {
  const consultation = await loadConsultation(c);
  refuseIfFrozen(c, consultation);
  const section = await loadSection(c, consultation);
  const direction = str((await c.req.parseBody()) as Body, 'direction') === 'up' ? 'up' : 'down';
  await moveSection(c.var.db, consultation.id, section.id, direction, actorOf(c), c.var.clock.now());
  return seeOther(c, `/staff/consultations/${consultation.id}?notice=moved#s-${section.id}`);
});

// ─── corrections (正誤) after publishing ──────────────────────────────────────────────────

function refuseUnlessPublished(c: C, consultation: Consultation) {
  if (consultation.status !== 'published') {
    throw conflict(
      c.var.lang,
      '正誤は公表中の意見募集にのみ記録できます。公表前は節を直接編集してください。',
      'Corrections are for published consultations. Before publishing, edit the section itself.',
    );
  }
}

staffRoutes.get('/consultations/:id/sections/:sid/correct', async (c) => {
  const consultation = await loadConsultation(c);
  refuseUnlessPublished(c, consultation);
  const section = await loadSection(c, consultation);
  return render(c, {
    title: t(c.var.lang, '正誤（公表後の訂正）', 'Correction after publishing'),
    body: (
      <CorrectionFormPage
        ctx={pageCtx(c)}
        consultation={consultation}
        section={section}
        values={{ heading: section.heading, body_md: section.body_md, note: '' }}
      />
    ),
    area: 'staff',
  });
});

staffRoutes.post('/consultations/:id/sections/:sid/correct', async (c) => {
  const lang = c.var.lang;
  const consultation = await loadConsultation(c);
  refuseUnlessPublished(c, consultation);
  const section = await loadSection(c, consultation);
  const body = (await c.req.parseBody()) as Body;
  const values: CorrectionFormValues = {
    heading: str(body, 'heading'),
    body_md: str(body, 'body_md'),
    note: str(body, 'note'),
  };
  const heading = values.heading.trim();
  const bodyMd = values.body_md.replace(/\r\n?/g, '\n');
  const note = values.note.trim();
  const errors: FieldErrors = {};
  if (heading === '' && section.number === '')
    errors.heading = t(lang, '見出しを入力してください。', 'Enter a heading.');
  else if (heading.length > 300)
    errors.heading = t(lang, '300文字以内で入力してください。', 'Use at most 300 characters.');
  if (bodyMd.length > 200_000) errors.body_md = t(lang, '本文が長すぎます。', 'The text is too long.');
  if (note === '') {
    errors.note = t(
      lang,
      '訂正の内容を入力してください（公表されます）。',
      'Describe the correction (it is published).',
    );
  } else if (note.length > 2000)
    errors.note = t(lang, '2000文字以内で入力してください。', 'Use at most 2,000 characters.');
  if (!errors.heading && !errors.body_md && heading === section.heading && bodyMd === section.body_md) {
    errors.body_md = t(
      lang,
      '現在の内容から変更がありません。訂正後の内容を入力してください。',
      'Nothing differs from the current text. Enter the corrected text.',
    );
  }
  if (Object.keys(errors).length > 0) {
    return render(c, {
      title: t(lang, '正誤（公表後の訂正）', 'Correction after publishing'),
      body: (
        <CorrectionFormPage
          ctx={pageCtx(c)}
          consultation={consultation}
          section={section}
          values={values}
          errors={errors}
        />
      ),
      status: 422,
      area: 'staff',
    });
  }
  await correctSection(
    c.var.db,
    consultation.id,
    section.id,
    { heading, body_md: bodyMd, note },
    actorOf(c),
    c.var.clock.now(),
  );
  return seeOther(c, `/staff/consultations/${consultation.id}?notice=corrected#s-${section.id}`);
});

// ─── publish and withdraw ────────────────────────────────────────────────────────────────

async function publishPage(c: C, consultation: Consultation, status: 200 | 422 = 200) {
  const db = c.var.db;
  const [sections, documents] = await Promise.all([
    listDraftSections(db, consultation.id),
    listDocuments(db, consultation.id),
  ]);
  const plan = planPublish(consultation, sections.length, c.var.clock.now());
  return {
    plan,
    response: () =>
      render(c, {
        title: t(c.var.lang, '公表の確認', 'Publish: confirm'),
        body: (
          <PublishConfirmPage
            ctx={pageCtx(c)}
            consultation={consultation}
            plan={plan}
            sectionCount={sections.length}
            documentCount={documents.length}
          />
        ),
        status,
        area: 'staff',
      }),
  };
}

staffRoutes.get('/consultations/:id/publish', async (c) => {
  const consultation = await loadConsultation(c);
  if (consultation.status !== 'draft') return seeOther(c, `/staff/consultations/${consultation.id}`);
  return (await publishPage(c, consultation)).response();
});

staffRoutes.post('/consultations/:id/publish', async (c) => {
  const consultation = await loadConsultation(c);
  const { plan, response } = await publishPage(c, consultation, 422);
  if (plan.problems.length > 0 || !plan.opensAt) return response();
  const done = await publishConsultation(
    c.var.db,
    consultation.id,
    plan.opensAt,
    actorOf(c),
    c.var.clock.now(),
  );
  if (!done) return response();
  return seeOther(c, `/staff/consultations/${consultation.id}?notice=published`);
});

staffRoutes.get('/consultations/:id/withdraw', async (c) => {
  const consultation = await loadConsultation(c);
  if (!canWithdraw(consultation)) {
    throw conflict(
      c.var.lang,
      '公表中の意見募集だけを中止できます。',
      'Only a published consultation can be withdrawn.',
    );
  }
  return render(c, {
    title: t(c.var.lang, '意見募集の中止', 'Withdraw the consultation'),
    body: <WithdrawPage ctx={pageCtx(c)} consultation={consultation} reason="" />,
    area: 'staff',
  });
});

staffRoutes.post('/consultations/:id/withdraw', async (c) => {
  const lang = c.var.lang;
  const consultation = await loadConsultation(c);
  if (!canWithdraw(consultation)) {
    throw conflict(
      lang,
      '公表中の意見募集だけを中止できます。',
      'Only a published consultation can be withdrawn.',
    );
  }
  const raw = str((await c.req.parseBody()) as Body, 'reason');
  const reason = raw.trim();
  const errors: FieldErrors = {};
  if (reason === '') {
    errors.reason = t(
      lang,
      '中止の理由を入力してください（公表されます）。',
      'State the reason (it is published).',
    );
  } else if (reason.length > 2000) {
    errors.reason = t(lang, '2000文字以内で入力してください。', 'Use at most 2,000 characters.');
  }
  if (errors.reason) {
    return render(c, {
      title: t(lang, '意見募集の中止', 'Withdraw the consultation'),
      body: <WithdrawPage ctx={pageCtx(c)} consultation={consultation} reason={raw} errors={errors} />,
      status: 422,
      area: 'staff',
    });
  }
  await withdrawConsultation(c.var.db, consultation.id, reason, actorOf(c), c.var.clock.now());
  return seeOther(c, `/staff/consultations/${consultation.id}?notice=withdrawn`);
});
