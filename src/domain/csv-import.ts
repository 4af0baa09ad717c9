import { createHash } from 'node:crypto';
import type { Category, Channel, Consultation } from '../../db/schema.ts';
import { CATEGORIES } from '../../db/schema.ts';
import { CsvFormatError, decodeCsvBytes, parseCsv } from '../lib/csv.ts';
import { type Lang, t } from '../lib/i18n.ts';
import { categoryLabel, channelLabel } from '../lib/labels.ts';
import type { SectionRef } from '../lib/sections.ts';
import { formatDate, fromTokyoLocalInput, startOfTokyoDay, tokyoDateString } from '../lib/time.ts';
import { z } from 'zod';
import { characterCount, cleanLine, cleanText } from '../lib/text.ts';
import type { CommentDraft } from './comment-intake.ts';
import { referenceProblem, resolveReferences, type SectionIndex, sectionIndex } from './section-refs.ts';

/**
 * Comments that reached the city on paper (post, fax, email, in person) and are typed in by
 * staff, one by one or as a CSV saved from Excel. The rules both paths share live here.
 */

type Period = Pick<Consultation, 'opens_at' | 'closes_at'>;

/**
 * The postmark rule: a comment counts if it was received (or postmarked) within the period, by
 * Tokyo calendar day, even when it is typed in after the period closed. Null when `date` is fine.
 */
export function receivedDateError(date: string, period: Period, now: Date, lang: Lang): string | null {
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
    Number.isNaN(startOfTokyoDay(date).getTime()) ||
    tokyoDateString(startOfTokyoDay(date)) !== date
  )
    return t(
      lang,
      '受付日を正しい日付で入力してください（例：2026-11-20）。',
      'Please give a valid date received (for example 2026-11-20).',
    );
  if (!period.opens_at || !period.closes_at)
    return t(
      lang,
      'この案件には募集期間が設定されていません。',
      'This consultation has no comment period yet.',
    );
  if (date > tokyoDateString(now))
    return t(lang, '受付日に未来の日付は指定できません。', 'The date received cannot be in the future.');
  const opens = tokyoDateString(period.opens_at);
  const closes = tokyoDateString(period.closes_at);
  if (date < opens || date > closes)
    return t(
      lang,
      `受付日が募集期間（${formatDate(period.opens_at, 'ja')}〜${formatDate(period.closes_at, 'ja')}）の外です。期間内に受け付けた（消印のある）意見だけを登録できます。`,
      `The date received is outside the comment period (${formatDate(period.opens_at, 'en')} to ${formatDate(period.closes_at, 'en')}). Only comments received or postmarked within the period can be entered.`,
    );
  return null;
}

/**
 * The instant stored for a comment received on a Tokyo day: now when that day is today, else
 * noon of that day; kept inside the period so that counts by period never lose it.
 */
export function receivedInstant(date: string, period: Period, now: Date, time?: string): Date {
  let at =
    time !== undefined
      ? (fromTokyoLocalInput(`${date}T${time}`) ?? startOfTokyoDay(date))
      : date === tokyoDateString(now)
        ? now
        : new Date(startOfTokyoDay(date).getTime() + 12 * 60 * 60 * 1000);
  if (period.opens_at && at.toISOString() < period.opens_at) at = new Date(period.opens_at);
  if (period.closes_at && at.toISOString() > period.closes_at) at = new Date(period.closes_at);
  return at;
}

// ---- CSV import ----

export type ImportColumn =
  | 'received_at'
  | 'channel'
  | 'sections'
  | 'body'
  | 'name'
  | 'address'
  | 'organisation_name'
  | 'representative'
  | 'category'
  | 'email'
  | 'phone';

/** Header names staff may use, Japanese first; matched after NFKC, case- and space-insensitively. */
const HEADERS: Record<ImportColumn, readonly string[]> = {
  received_at: ['受付日', '受付日時', '受付年月日', 'received_at', 'received'],
  channel: ['提出方法', 'channel'],
  sections: ['該当箇所', 'sections', 'section'],
  body: ['意見', '意見内容', 'body', 'comment'],
  name: ['氏名', 'name'],
  address: ['住所', '所在地', 'address'],
  organisation_name: ['団体名', '団体・事業者名', 'organisation_name', 'organization_name', 'organisation'],
  representative: ['代表者', '代表者名', 'representative'],
  category: ['区分', 'category'],
  email: ['メール', 'メールアドレス', '電子メール', 'email', 'e-mail'],
  phone: ['電話', '電話番号', 'phone', 'tel'],
};

export const IMPORT_COLUMNS = Object.keys(HEADERS) as ImportColumn[];
const REQUIRED: readonly ImportColumn[] = ['received_at', 'channel', 'body'];

/** Most rows one file may hold: more is refused before any row is read (split the file). */
export const MAX_IMPORT_ROWS = 5000;

/** Letters are kept whole up to the database's limit for a comment. */
export const MAX_BODY_LENGTH = 100_000;

/** Most characters each column may hold, as a reader counts them. */
const FIELD_LIMITS: Record<ImportColumn, number> = {
  received_at: 40,
  channel: 40,
  sections: 2000,
  body: MAX_BODY_LENGTH,
  name: 100,
  address: 200,
  organisation_name: 200,
  representative: 100,
  category: 40,
  email: 254,
  phone: 40,
};

function tooLong(max: number, lang: Lang, now?: number): string {
  return now === undefined
    ? t(
        lang,
        `${max.toLocaleString('ja-JP')}文字以内で入力してください。`,
        `Please keep this within ${max.toLocaleString('en')} characters.`,
      )
    : t(
        lang,
        `${max.toLocaleString('ja-JP')}文字以内で入力してください（現在${now.toLocaleString('ja-JP')}文字）。`,
        `Please keep this within ${max.toLocaleString('en')} characters (it has ${now.toLocaleString('en')}).`,
      );
}

export function columnLabel(col: ImportColumn, lang: Lang): string {
  const labels: Record<ImportColumn, [string, string]> = {
    received_at: ['受付日', 'Date received'],
    channel: ['提出方法', 'Channel'],
    sections: ['該当箇所', 'Sections'],
    body: ['意見', 'Comment'],
    name: ['氏名', 'Name'],
    address: ['住所', 'Address'],
    organisation_name: ['団体名', 'Organisation'],
    representative: ['代表者', 'Representative'],
    category: ['区分', 'Category'],
    email: ['メール', 'Email'],
    phone: ['電話', 'Phone'],
  };
  const [ja, en] = labels[col];
  return t(lang, ja, en);
}

const norm = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ');
const headerKey = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

const CHANNEL_WORDS: Record<string, Channel> = {
  郵送: 'post',
  郵便: 'post',
  post: 'post',
  fax: 'fax',
  ファクス: 'fax',
  ファックス: 'fax',
  ファクシミリ: 'fax',
  電子メール: 'email',
  メール: 'email',
  email: 'email',
  'e-mail': 'email',
  持参: 'in_person',
  窓口: 'in_person',
  in_person: 'in_person',
  'in person': 'in_person',
};

function parseChannel(raw: string): Channel | null {
  return CHANNEL_WORDS[norm(raw).toLowerCase()] ?? null;
}

function parseCategory(raw: string): Category | null | undefined {
  const v = norm(raw);
  if (!v) return null;
  for (const c of CATEGORIES) {
    if (
      v.toLowerCase() === c ||
      v === categoryLabel(c, 'ja') ||
      v.toLowerCase() === categoryLabel(c, 'en').toLowerCase()
    )
      return c;
  }
  return undefined;
}

/** `2026/11/20`, `2026-11-20`, `2026年11月20日`, optionally with `10:30` — as Excel writes dates. */
function parseReceived(raw: string): { date: string; time?: string } | null {
  const m = /^(\d{4})[/\-.年](\d{1,2})[/\-.月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::\d{2})?)?$/.exec(
    norm(raw),
  );
  if (!m) return null;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return m[4] ? { date, time: `${m[4].padStart(2, '0')}:${m[5]}` } : { date };
}

export interface RowError {
  /** The row as Excel numbers it: the header is row 1. */
  row: number;
  field: string;
  message: string;
}

export interface ImportRow {
  row: number;
  values: Record<ImportColumn, string>;
  /** Parsed and valid: ready to store. */
  ok: boolean;
  channel?: Channel;
  receivedAt?: Date;
  draft?: CommentDraft;
  /** sha256 of the normalised row, so that a row seen before (in any file) is not stored twice. */
  rowHash?: string;
  sectionLabels: string[];
  errors: RowError[];
}

export interface ImportPlan {
  /** Problems with the file as a whole (no header, a required column missing). */
  fileErrors: string[];
  /** Header cells that matched no column and are ignored. */
  ignoredColumns: string[];
  rows: ImportRow[];
  /** True when every row is valid and there is at least one: the import may go ahead. */
  ok: boolean;
}

export interface ImportContext {
  consultation: Period;
  /** The draft's sections in reading order (levels give chapters and their subsections). */
  sections: readonly SectionRef[];
  now: Date;
  lang: Lang;
}

/** Decodes the bytes as Excel saves them (UTF-8 with or without BOM, or Shift_JIS) and plans the import. */
export function planImportBytes(bytes: Uint8Array, ctx: ImportContext): ImportPlan {
  return planImport(decodeCsvBytes(bytes), ctx);
}

/** `planImportBytes` in steps: see `planImportSteps`. */
export function planImportBytesSteps(bytes: Uint8Array, ctx: ImportContext): Generator<void, ImportPlan> {
  return planImportSteps(decodeCsvBytes(bytes), ctx);
}

export function fileSha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Reads every row of the CSV and checks it as staff entry would, without touching the database.
 * Each bad row gets a message per field, in the reader's language.
 */
export function planImport(text: string, ctx: ImportContext): ImportPlan {
  const steps = planImportSteps(text, ctx);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Rows planned between two steps: a few milliseconds of work. */
const ROWS_PER_STEP = 200;

/**
 * `planImport` as a generator that pauses after every few hundred rows, so that a request can
 * let other requests run while a large file is checked (src/lib/steps.ts runs it).
 */
export function* planImportSteps(text: string, ctx: ImportContext): Generator<void, ImportPlan> {
  const { lang } = ctx;
  const fileErrors: string[] = [];
  const ignoredColumns: string[] = [];
  let table: string[][];
  try {
    table = parseCsv(text);
  } catch (err) {
    if (!(err instanceof CsvFormatError)) throw err;
    return {
      fileErrors: [
        t(
          lang,
          `CSVファイルとして読めません（${err.line}行目付近：引用符 " で始まる欄が閉じられていません）。Excelで「CSV」として保存し直してください。`,
          `The file cannot be read as CSV (near line ${err.line}: a field that starts with a quote " is never closed). Save it again from Excel as "CSV".`,
        ),
      ],
      ignoredColumns,
      rows: [],
      ok: false,
    };
  }
  const [header, ...records] = table;
  if (!header) {
    return {
      fileErrors: [t(lang, 'CSVファイルが空です。', 'The CSV file is empty.')],
      ignoredColumns,
      rows: [],
      ok: false,
    };
  }
  const index = new Map<ImportColumn, number>();
  header.forEach((cell, i) => {
    const key = headerKey(cell);
    const col = IMPORT_COLUMNS.find((c) => HEADERS[c].some((h) => headerKey(h) === key));
    if (col && !index.has(col)) index.set(col, i);
    else if (cell.trim()) ignoredColumns.push(cell.trim());
  });
  for (const col of REQUIRED) {
    if (!index.has(col))
      fileErrors.push(
        t(
          lang,
          `1行目（見出し）に「${HEADERS[col][0]}」の列がありません。`,
          `Row 1 (the header) has no "${HEADERS[col][0]}" (${col}) column.`,
        ),
      );
  }
  if (fileErrors.length > 0) return { fileErrors, ignoredColumns, rows: [], ok: false };
  if (records.length === 0)
    return {
      fileErrors: [
        t(lang, '見出しの行しかありません。意見の行がありません。', 'There is a header row but no comments.'),
      ],
      ignoredColumns,
      rows: [],
      ok: false,
    };

  if (records.length > MAX_IMPORT_ROWS)
    return {
      fileErrors: [
        t(
          lang,
          `一度に取り込めるのは${MAX_IMPORT_ROWS.toLocaleString('ja-JP')}行までです（このファイルは${records.length.toLocaleString('ja-JP')}行）。ファイルを分けてください。`,
          `One file may hold at most ${MAX_IMPORT_ROWS.toLocaleString('en')} rows (this one has ${records.length.toLocaleString('en')}). Please split it.`,
        ),
      ],
      ignoredColumns,
      rows: [],
      ok: false,
    };
  const sections = sectionIndex(ctx.sections);
  const rows: ImportRow[] = [];
  for (const [i, record] of records.entries()) {
    rows.push(planRow(record, i + 2, index, sections, ctx));
    if (i % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
  }
  return { fileErrors, ignoredColumns, rows, ok: rows.every((r) => r.ok) };
}

function planRow(
  record: string[],
  row: number,
  index: Map<ImportColumn, number>,
  sections: SectionIndex,
  ctx: ImportContext,
): ImportRow {
  const { lang } = ctx;
  const values = Object.fromEntries(
    IMPORT_COLUMNS.map((c) => {
      const i = index.get(c);
      return [c, i === undefined ? '' : (record[i] ?? '')];
    }),
  ) as Record<ImportColumn, string>;
  const errors: RowError[] = [];
  const fail = (col: ImportColumn, message: string) =>
    errors.push({ row, field: columnLabel(col, lang), message });

  // Measured in code units before anything reads a cell: a character is rarely more than two,
  // four leaves room for combining marks. A row with such a cell is not read any further.
  for (const col of IMPORT_COLUMNS) {
    if (values[col].length > FIELD_LIMITS[col] * 4 + 16) fail(col, tooLong(FIELD_LIMITS[col], lang));
  }
  if (errors.length > 0) return { row, values, ok: false, sectionLabels: [], errors };

  const channel = parseChannel(values.channel);
  if (!channel)
    fail(
      'channel',
      values.channel.trim()
        ? t(
            lang,
            `「${values.channel.trim()}」は提出方法として読めません。郵送・FAX・電子メール・持参のいずれかにしてください。`,
            `"${values.channel.trim()}" is not a channel. Use post, fax, email or in_person (郵送・FAX・電子メール・持参).`,
          )
        : t(lang, '提出方法が空です。', 'The channel is empty.'),
    );

  let receivedAt: Date | undefined;
  const received = parseReceived(values.received_at);
  if (!received) {
    fail(
      'received_at',
      values.received_at.trim()
        ? t(
            lang,
            `「${values.received_at.trim()}」は日付として読めません（例：2026/11/20）。`,
            `"${values.received_at.trim()}" is not a date (for example 2026/11/20).`,
          )
        : t(lang, '受付日が空です。', 'The date received is empty.'),
    );
  } else {
    const problem = receivedDateError(received.date, ctx.consultation, ctx.now, lang);
    if (problem) fail('received_at', problem);
    else receivedAt = receivedInstant(received.date, ctx.consultation, ctx.now, received.time);
  }

  const refs = resolveReferences(sections, values.sections);
  for (const problem of refs.problems) fail('sections', referenceProblem(problem, sections.examples, lang));
  const sectionLabels = refs.ids.map((id) => sections.labels.get(id) ?? '');

  const category = parseCategory(values.category);
  if (category === undefined)
    fail(
      'category',
      t(
        lang,
        `「${values.category.trim()}」は区分として読めません（${CATEGORIES.map((c) => categoryLabel(c, 'ja')).join('・')}）。`,
        `"${values.category.trim()}" is not a category (${CATEGORIES.join(', ')}).`,
      ),
    );

  const draft = staffDraft(values, refs.ids, category ?? null, fail, lang);
  if (errors.length > 0 || !draft || !channel || !receivedAt) {
    return { row, values, ok: false, sectionLabels, errors };
  }
  const rowHash = createHash('sha256')
    .update(
      JSON.stringify([
        tokyoDateString(receivedAt),
        channel,
        draft.sectionIds,
        norm(draft.body),
        norm(draft.name),
        norm(draft.address),
        norm(draft.organisationName),
        norm(draft.representative),
        draft.category,
        norm(draft.email).toLowerCase(),
        norm(draft.phone),
      ]),
    )
    .digest('hex');
  return { row, values, ok: true, channel, receivedAt, draft, rowHash, sectionLabels, errors };
}

const EMAIL = z.email();

/**
 * The comment a row holds, checked as staff entry checks it: only the text is required (a letter
 * may lack a name or an address), and every field within its length. Linear in the row.
 */
function staffDraft(
  values: Record<ImportColumn, string>,
  sectionIds: number[],
  category: Category | null,
  fail: (col: ImportColumn, message: string) => void,
  lang: Lang,
): CommentDraft | undefined {
  let ok = true;
  const body = cleanText(values.body).trim();
  const length = characterCount(body);
  if (length === 0) {
    fail('body', t(lang, '意見を入力してください。', 'Please write your comment.'));
    ok = false;
  } else if (length > MAX_BODY_LENGTH) {
    fail('body', tooLong(MAX_BODY_LENGTH, lang, length));
    ok = false;
  }
  const line = (col: 'name' | 'address' | 'organisation_name' | 'representative' | 'email' | 'phone') => {
    const v = cleanLine(values[col]);
    if (characterCount(v) > FIELD_LIMITS[col]) {
      fail(col, tooLong(FIELD_LIMITS[col], lang));
      ok = false;
    }
    return v;
  };
  const [name, address, organisationName, representative, email] = [
    line('name'),
    line('address'),
    line('organisation_name'),
    line('representative'),
    line('email'),
  ];
  const phone = line('phone').normalize('NFKC');
  if (email && !EMAIL.safeParse(email).success) {
    fail(
      'email',
      t(
        lang,
        'メールアドレスの形式が正しくありません（例：name@example.jp）。',
        'This does not look like an email address (for example name@example.jp).',
      ),
    );
    ok = false;
  }
  if (phone && !/^[0-9+\-() ]{6,20}$/.test(phone)) {
    fail(
      'phone',
      t(
        lang,
        '電話番号は数字とハイフンで入力してください（例：086-426-3030）。',
        'Please write the phone number with digits and hyphens (for example 086-426-3030).',
      ),
    );
    ok = false;
  }
  if (!ok) return undefined;
  const organisation = organisationName !== '';
  const anonymous = !organisation && [name, address, representative, email, phone].every((v) => v === '');
  return {
    sectionIds,
    body,
    submitterKind: organisation ? 'organisation' : anonymous ? 'anonymous' : 'individual',
    name: organisation ? '' : name,
    address,
    organisationName,
    representative: organisation ? representative : '',
    category,
    email,
    phone,
  };
}

/** The channel as the preview shows it. */
export function describeChannel(channel: Channel | undefined, raw: string, lang: Lang): string {
  return channel ? channelLabel(channel, lang) : raw;
}
