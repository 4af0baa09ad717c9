/**
 * Staff work on comments: the inbox's filters and paging, a paper comment typed in by staff,
 * the CSV import's two steps, hiding and redacting.
 */
import { z } from 'zod';
import { CATEGORIES, CHANNELS, HIDDEN_REASONS } from '../../db/schema.ts';
import { INBOX_STATUSES, PAPER_CHANNELS } from '../lib/comments.ts';
import { formatBytes } from '../lib/format.ts';
import { positiveInt } from '../lib/params.ts';
import { cleanLine } from '../lib/text.ts';
import { allStrings, choice, firstFile, firstString, ids, m, text } from './fields.ts';

// ---- Inbox ----

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A filter the inbox ignores when it is not one of the choices: an old link never fails. */
function lenient<T>(read: (raw: string) => T | undefined) {
  return z
    .unknown()
    .transform((value): T | undefined => read(firstString(value).trim()))
    .optional();
}

const oneOf =
  <const T extends readonly string[]>(values: T) =>
  (raw: string): T[number] | undefined =>
    (values as readonly string[]).includes(raw) ? (raw as T[number]) : undefined;

/** Where a page starts: after this (received_at, id), newest first. */
export interface InboxCursor {
  receivedAt: string;
  id: number;
}

/** `after=<received_at>_<id>`; anything else starts from the first page. */
function readCursor(raw: string): InboxCursor | undefined {
  const found = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_(\d{1,12})$/.exec(raw);
  return found ? { receivedAt: found[1]!, id: Number(found[2]) } : undefined;
}

export const INBOX_QUERY_MAX = 200;

/** The inbox's filter form and its keyset paging (`after`). */
export const inboxQuerySchema = z.object({
  section: lenient((raw) => (raw === 'none' ? ('none' as const) : positiveInt(raw))),
  category: lenient((raw) => (raw === 'none' ? ('none' as const) : oneOf(CATEGORIES)(raw))),
  channel: lenient(oneOf(CHANNELS)),
  status: lenient(oneOf(INBOX_STATUSES)),
  from: lenient((raw) => (DATE.test(raw) ? raw : undefined)),
  to: lenient((raw) => (DATE.test(raw) ? raw : undefined)),
  // Control and invisible characters are nothing a comment can be searched for (a NUL also broke
  // the full-text query): they are dropped, cheaply, on a slice already bounded in code units.
  q: lenient((raw) => cleanLine(raw.slice(0, INBOX_QUERY_MAX * 2)).slice(0, INBOX_QUERY_MAX) || undefined),
  after: lenient(readCursor),
});

export type InboxQuery = z.output<typeof inboxQuerySchema>;

// ---- Paper entry ----

const SUBMITTER_KINDS = ['individual', 'organisation', 'anonymous'] as const;

/** Letters can be long; staff keep them whole (the database's limit, not the web form's). */
export const PAPER_MAX_LENGTH = 100_000;

const line = (max: number) => text({ max, line: true });

/**
 * A comment that came on paper, as staff type it. A letter may lack a name, an address or a
 * category and the city still has to account for it, so only the channel, the date and the
 * text are required. The date is checked against the period by the intake use case.
 */
export function paperCommentSchema(sectionIds: readonly number[]) {
  const known = new Set(sectionIds);
  const sectionMessage = m(
    '該当箇所は一覧から選んでください。',
    'Please choose the part of the draft from the list.',
  );
  return z
    .object({
      submission_key: z
        .unknown()
        .optional()
        .transform((value): string | null => {
          const key = firstString(value);
          return /^[A-Za-z0-9_-]{16,64}$/.test(key) ? key : null;
        }),
      channel: choice(
        PAPER_CHANNELS,
        m('提出方法を選んでください。', 'Please choose how the comment arrived.'),
        m('提出方法を選んでください。', 'Please choose how the comment arrived.'),
      ),
      received_date: z
        .unknown()
        .optional()
        .transform((value, ctx): string => {
          const date = firstString(value).trim();
          if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
            ctx.issues.push({
              code: 'custom',
              input: '',
              message: m(
                '受付日を正しい日付で入力してください（例：2026-11-20）。',
                'Please give a valid date received (for example 2026-11-20).',
              ),
            });
            return z.NEVER;
          }
          return date;
        }),
      sections: ids({ max: 1000, message: sectionMessage }).superRefine((list, ctx) => {
        if (list.some((id) => !known.has(id))) ctx.addIssue({ code: 'custom', message: sectionMessage });
      }),
      body: text({
        max: PAPER_MAX_LENGTH,
        required: m('意見を入力してください。', 'Please write your comment.'),
      }),
      submitter_kind: z
        .unknown()
        .optional()
        .transform((value, ctx) => {
          const kind = firstString(value).trim() || 'individual';
          if ((SUBMITTER_KINDS as readonly string[]).includes(kind))
            return kind as (typeof SUBMITTER_KINDS)[number];
          ctx.issues.push({
            code: 'custom',
            input: '',
            message: m('提出者の種類を選んでください。', 'Please choose who is commenting.'),
          });
          return z.NEVER;
        }),
      name: line(100),
      address: line(200),
      organisation_name: line(200),
      representative: line(100),
      category: choice(CATEGORIES, m('区分は一覧から選んでください。', 'Please choose from the list.')),
      email: line(254).superRefine((email, ctx) => {
        if (email && !z.email().safeParse(email).success)
          ctx.addIssue({
            code: 'custom',
            message: m(
              'メールアドレスの形式が正しくありません（例：name@example.jp）。',
              'This does not look like an email address (for example name@example.jp).',
            ),
          });
      }),
      phone: line(40)
        .transform((phone) => phone.normalize('NFKC'))
        .superRefine((phone, ctx) => {
          if (phone && !/^[0-9+\-() ]{6,20}$/.test(phone))
            ctx.addIssue({
              code: 'custom',
              message: m(
                '電話番号は数字とハイフンで入力してください（例：086-426-3030）。',
                'Please write the phone number with digits and hyphens (for example 086-426-3030).',
              ),
            });
        }),
    })
    .transform((v) => {
      const kind = v.submitter_kind;
      const anonymous = kind === 'anonymous';
      const organisation = kind === 'organisation';
      return {
        submissionKey: v.submission_key,
        channel: v.channel as (typeof PAPER_CHANNELS)[number],
        receivedDate: v.received_date,
        // What the paper says, kept only where it belongs to the kind of submitter.
        draft: {
          sectionIds: v.sections,
          body: v.body,
          submitterKind: kind,
          name: anonymous || organisation ? '' : v.name,
          address: anonymous ? '' : v.address,
          organisationName: organisation ? v.organisation_name : '',
          representative: organisation ? v.representative : '',
          category: v.category || null,
          email: anonymous ? '' : v.email,
          phone: anonymous ? '' : v.phone,
        },
      };
    });
}

// ---- CSV import ----

/**
 * The largest CSV one import reads. Its preview is built in the request, so it is kept well below
 * the upload limit for documents; a consultation's paper comments fit many times over.
 */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/** Step 1: the file, refused by its size before a byte of it is read. */
export function importUploadSchema(uploadLimit: number) {
  const maxBytes = Math.min(uploadLimit, IMPORT_MAX_BYTES);
  return z.object({
    file: z
      .unknown()
      .optional()
      .transform(async (value, ctx) => {
        const file = firstFile(value);
        if (!file || file.size > maxBytes) {
          ctx.issues.push({
            code: 'custom',
            input: '',
            message: file
              ? m(
                  `CSVファイルは${formatBytes(maxBytes, 'ja')}までです（このファイルは${formatBytes(file.size, 'ja')}）。ファイルを分けてください。`,
                  `A CSV file may be at most ${formatBytes(maxBytes, 'en')} (this one is ${formatBytes(file.size, 'en')}). Please split it.`,
                )
              : m('CSVファイルを選んでください。', 'Please choose a CSV file.'),
          });
          return z.NEVER;
        }
        return {
          bytes: new Uint8Array(await file.arrayBuffer()),
          filename: file.name.slice(0, 200) || 'import.csv',
        };
      }),
  });
}

/**
 * Step 2: the file's bytes come back from the preview page (base64), so the server keeps no
 * state between the steps; the confirm step checks everything again.
 */
export function importConfirmSchema(uploadLimit: number) {
  const maxBytes = Math.min(uploadLimit, IMPORT_MAX_BYTES);
  const again = m('CSVファイルを選び直してください。', 'Please choose the CSV file again.');
  return z.object({
    filename: z
      .unknown()
      .optional()
      .transform((value) => firstString(value).slice(0, 200) || 'import.csv'),
    payload: z
      .unknown()
      .optional()
      .transform((value, ctx) => {
        const payload = firstString(value);
        // Base64 is 4 characters for 3 bytes; line breaks may be added on the way.
        if (
          !payload ||
          payload.length > (maxBytes / 3) * 4 * 1.1 + 16 ||
          !/^[A-Za-z0-9+/=\s]+$/.test(payload)
        ) {
          ctx.issues.push({ code: 'custom', input: '', message: again });
          return z.NEVER;
        }
        return { payload, bytes: new Uint8Array(Buffer.from(payload, 'base64')) };
      }),
  });
}

// ---- Moderation ----

const noteTooLong = () =>
  m('メモは1000文字以内にしてください。', 'Please keep the note within 1,000 characters.');

export const hideSchema = z.object({
  reason: choice(
    HIDDEN_REASONS,
    m('非表示にする理由を選んでください。', 'Please choose why the comment is hidden.'),
    m('非表示にする理由を選んでください。', 'Please choose why the comment is hidden.'),
  ),
  note: text({ max: 1000, tooLong: noteTooLong }),
});

export const unhideSchema = z.object({ note: text({ max: 1000, tooLong: noteTooLong }) });

/** Most spans a redaction form offers: detection on the longest comment stays far below it. */
export const MAX_SPANS = 2000;

export const redactSchema = z.object({
  /** `start:end:kind` of each ticked span; checked against the comment's text by the route. */
  span: z
    .unknown()
    .optional()
    .transform((value, ctx) => {
      const list = allStrings(value);
      if (list.length > MAX_SPANS) {
        ctx.issues.push({
          code: 'custom',
          input: '',
          message: m('選んだ箇所が多すぎます。', 'Too many parts were chosen.'),
        });
        return z.NEVER;
      }
      return list;
    }),
  add_text: text({ max: 1000 }),
});
