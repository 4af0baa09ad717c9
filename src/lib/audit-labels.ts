/**
 * The audit log's vocabulary in words a person reads: what was done (actions), to what
 * (target kinds) and which fields changed, in Japanese and English. Also the one name per kind
 * of target: older code wrote `consultations`, `comments`, `comment_groups`, `sections`, and
 * `canonicalTarget` maps every spelling to one name (migration 0004 applied it to old rows).
 */
import { type Lang, t } from './i18n.ts';
import { channelLabel, hiddenReasonLabel, outcomeLabel, roleLabel } from './labels.ts';
import { formatDateTime } from './time.ts';

type Pair = readonly [ja: string, en: string];

/** The kinds of record an entry can be about, by their one name. */
export const TARGET_KINDS = {
  user: ['アカウント', 'Account'],
  consultation: ['意見募集案件', 'Consultation'],
  section: ['案の項目', 'Draft section'],
  comment: ['意見', 'Comment'],
  group: ['意見のグループ', 'Comment group'],
  document: ['関連資料', 'Document'],
  department: ['担当課', 'Department'],
  city: ['市の設定', 'City settings'],
} as const satisfies Record<string, Pair>;

export type TargetKind = keyof typeof TARGET_KINDS;

/** Older spellings of a kind, as they stand in entries written before the names were unified. */
const TARGET_ALIASES: Record<string, TargetKind> = {
  users: 'user',
  consultations: 'consultation',
  sections: 'section',
  comments: 'comment',
  groups: 'group',
  comment_group: 'group',
  comment_groups: 'group',
  documents: 'document',
};

/** The one name of a target kind, whatever spelling an entry used; other names stay as they are. */
export function canonicalTarget(type: string | null | undefined): string | null {
  if (!type) return null;
  return TARGET_ALIASES[type] ?? type;
}

export function targetKindLabel(kind: string, lang: Lang): string {
  const pair = (TARGET_KINDS as Record<string, Pair>)[kind];
  return pair ? t(lang, pair[0], pair[1]) : kind;
}

const ACTIONS: Record<string, Pair> = {
  login: ['ログイン', 'Sign-in'],
  'login.failed': ['ログイン失敗', 'Failed sign-in'],
  'login.throttled': ['ログイン受付停止中の試行', 'Sign-in refused (too many failures)'],
  logout: ['ログアウト', 'Sign-out'],
  'user.create': ['アカウント作成', 'Account created'],
  'user.role_change': ['権限の変更', 'Role changed'],
  'user.disable': ['アカウント停止', 'Account disabled'],
  'user.enable': ['アカウント再開', 'Account enabled'],
  'user.password_change': ['パスワード変更（本人）', 'Password changed (by the user)'],
  'user.password_reset': ['パスワード再設定（管理者）', 'Password reset (by an admin)'],
  'user.departments': ['所属課の変更', 'Departments of an account changed'],
  'department.create': ['担当課の追加', 'Department added'],
  'department.rename': ['担当課の名前の変更', 'Department renamed'],
  'department.delete': ['担当課の削除', 'Department deleted'],
  'city.update': ['市の設定の変更', 'City settings changed'],
  'city.logo': ['ロゴの登録', 'Logo saved'],
  'city.logo_remove': ['ロゴの削除', 'Logo removed'],
  'audit.export': ['操作記録のCSV出力', 'Audit log exported as CSV'],
  'consultation.create': ['案件の作成', 'Consultation created'],
  'consultation.update': ['案件の編集', 'Consultation edited'],
  'consultation.publish': ['案件の公表', 'Consultation published'],
  'consultation.withdraw': ['案件の中止', 'Consultation withdrawn'],
  'section.create': ['案の項目の作成', 'Draft sections created'],
  'section.update': ['案の項目の編集', 'Draft section edited'],
  'section.delete': ['案の項目の削除', 'Draft section deleted'],
  'section.reorder': ['案の項目の並べ替え', 'Draft sections reordered'],
  'section.final': ['最終案の編集', 'Final text edited'],
  'section.final_add': ['最終案への項目の追加', 'Section added to the final text'],
  'correction.create': ['正誤（公表後の訂正）', 'Correction after publishing'],
  'document.upload': ['関連資料の追加', 'Document added'],
  'document.rename': ['関連資料の名前の変更', 'Document renamed'],
  'document.delete': ['関連資料の削除', 'Document deleted'],
  'comment.enter': ['意見の入力（郵送・FAX等）', 'Comment entered (post, fax …)'],
  'comment.import': ['意見のCSV取り込み', 'Comments imported from CSV'],
  'comment.hide': ['意見の非表示', 'Comment hidden'],
  'comment.unhide': ['意見の表示の再開', 'Comment shown again'],
  'comment.redact': ['意見の墨消し', 'Comment redacted'],
  'comment.group': ['意見のグループへの振り分け', 'Comments placed in a group'],
  'comment.ungroup': ['意見のグループからの取り外し', 'Comments taken out of a group'],
  'comment.exclude': ['意見の集計からの除外', 'Comments excluded'],
  'comment.include': ['意見の除外の取り消し', 'Comments included again'],
  'group.create': ['グループの作成', 'Group created'],
  'group.update': ['グループの編集（概要・市の考え方）', 'Group edited (summary, response)'],
  'group.delete': ['グループの削除', 'Group deleted'],
  'group.merge': ['グループの統合', 'Groups merged'],
  'group.split': ['グループの分割', 'Group split'],
  'group.adopt_suggestions': ['自動提案のグループの採用', 'Suggested groups adopted'],
  'group.adopt_suggestion': ['自動提案のグループの採用（1件）', 'Suggested group adopted'],
  'result.publish': ['結果の公表', 'Result published'],
};

/** An action in words; an action without a label yet is shown by its name. */
export function actionLabel(action: string, lang: Lang): string {
  const pair = ACTIONS[action];
  return pair ? t(lang, pair[0], pair[1]) : action;
}

const FIELDS: Record<string, Pair> = {
  email: ['メールアドレス', 'Email'],
  role: ['権限', 'Role'],
  display_name: ['表示名', 'Display name'],
  disabled_at: ['停止日時', 'Disabled at'],
  password_changed_at: ['パスワード変更日時', 'Password changed at'],
  sessions_ended: ['終了したログイン', 'Sessions ended'],
  other_sessions_ended: ['終了したほかのログイン', 'Other sessions ended'],
  via: ['経路', 'Via'],
  reason: ['理由', 'Reason'],
  filter: ['条件', 'Filter'],
  rows: ['件数', 'Entries'],
  id: ['番号', 'No.'],
  ids: ['番号', 'Nos.'],
  title: ['件名', 'Title'],
  summary: ['概要', 'Summary'],
  purpose: ['目的', 'Purpose'],
  department: ['担当課', 'Department'],
  contact: ['問い合わせ先', 'Contact'],
  legal_basis: ['根拠', 'Legal basis'],
  eligibility: ['意見を提出できる方', 'Who may comment'],
  submit_postal_address: ['郵送先', 'Postal address'],
  submit_fax: ['FAX番号', 'Fax'],
  submit_email: ['提出用メールアドレス', 'Email for comments'],
  submit_counter: ['持参先', 'In person at'],
  require_name: ['氏名を必須にする', 'Name required'],
  require_address: ['住所を必須にする', 'Address required'],
  require_category: ['区分を必須にする', 'Category required'],
  allow_anonymous: ['匿名を受け付ける', 'Anonymous comments'],
  allow_individual: ['個人の意見を受け付ける', 'Comments from individuals'],
  allow_organisation: ['団体・事業者の意見を受け付ける', 'Comments from organisations'],
  categories: ['区分の選択肢', 'Categories offered'],
  require_consent: ['個人情報の取扱いへの同意を求める', 'Consent asked for'],
  consent_notice: ['個人情報の取扱いの説明', 'Notice on personal data'],
  postal_code: ['郵便番号', 'Postal code'],
  consented: ['個人情報の取扱いへの同意', 'Consent given'],
  copied_from: ['複製元の案件', 'Copied from'],
  max_comment_length: ['意見の文字数の上限', 'Comment length limit'],
  opens_at: ['募集開始', 'Opens'],
  closes_at: ['募集終了', 'Closes'],
  short_period_reason: ['募集期間が短い理由', 'Reason for a short period'],
  status: ['状態', 'Status'],
  published_at: ['公表日時', 'Published at'],
  withdrawn_at: ['中止日時', 'Withdrawn at'],
  withdrawal_reason: ['中止の理由', 'Reason for withdrawal'],
  result_published_at: ['結果の公表日時', 'Result published at'],
  result_note: ['結果の補足', 'Note on the result'],
  policy_dropped: ['策定の見送り', 'Policy dropped'],
  created_by: ['作成者', 'Created by'],
  created_at: ['作成日時', 'Created at'],
  updated_at: ['更新日時', 'Updated at'],
  note: ['備考', 'Note'],
  consultation_id: ['案件', 'Consultation'],
  receipt_code: ['受付番号', 'Receipt code'],
  channel: ['提出方法', 'Channel'],
  received_at: ['受付日時', 'Received at'],
  section_ids: ['該当箇所', 'Sections'],
  body_redacted: ['墨消し後の本文', 'Redacted text'],
  spans: ['墨消しの箇所', 'Redacted spans'],
  group_id: ['グループ', 'Group'],
  excluded_reason: ['除外の理由', 'Reason for exclusion'],
  hidden_at: ['非表示の日時', 'Hidden at'],
  hidden_reason: ['非表示の理由', 'Reason hidden'],
  hidden_note: ['非表示の説明', 'Note on hiding'],
  hidden_by: ['非表示にした職員', 'Hidden by'],
  final_heading: ['最終案の見出し', 'Final heading'],
  final_body_md: ['最終案の本文', 'Final text'],
  final_removed: ['最終案で削除', 'Removed from the final text'],
  level: ['階層', 'Level'],
  number: ['番号', 'Number'],
  heading: ['見出し', 'Heading'],
  body: ['本文', 'Text'],
  body_md: ['本文', 'Text'],
  position: ['順番', 'Position'],
  response: ['市の考え方', 'City’s response'],
  outcome: ['修正の有無', 'Outcome'],
  revision_note: ['修正内容', 'Revision'],
  filename: ['ファイル名', 'File name'],
  name: ['名前', 'Name'],
  department_id: ['担当課', 'Department'],
  departments: ['所属課', 'Departments'],
  consultations: ['意見募集の件数', 'Consultations'],
  must_change_password: ['次のログインでパスワード変更', 'Password change at next sign-in'],
  last_login_at: ['最終ログイン', 'Last sign-in'],
  city_name_ja: ['市の名前', 'City name'],
  city_name_en: ['市の名前（英語）', 'City name (English)'],
  site_url: ['市のホームページ', 'City website'],
  privacy_url: ['プライバシーポリシー', 'Privacy policy'],
  accessibility_url: ['ウェブアクセシビリティ方針', 'Accessibility policy'],
  contact_url: ['お問い合わせ', 'Contact page'],
  notice_ja: ['意見の取扱い', 'How comments are used'],
  notice_en: ['意見の取扱い（英語）', 'How comments are used (English)'],
  default_period_days: ['募集期間の既定の日数', 'Default period (days)'],
  default_max_comment_length: ['意見の最大文字数の既定値', 'Default comment length limit'],
  sha256: ['ハッシュ', 'Hash'],
  size: ['大きさ', 'Size'],
};

/** `receiptCode` and `receipt_code` are the same field to a reader. */
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function fieldLabel(key: string, lang: Lang): string {
  const pair = FIELDS[snake(key)];
  return pair ? t(lang, pair[0], pair[1]) : key;
}

/** Codes that only the audit log shows, by field. */
const CODES: Record<string, Record<string, Pair>> = {
  reason: {
    unknown_account: ['登録のないメールアドレス', 'No such account'],
    wrong_password: ['パスワードの誤り', 'Wrong password'],
    disabled: ['停止中のアカウント', 'Disabled account'],
  },
  status: {
    draft: ['下書き', 'Draft'],
    published: ['公表済み', 'Published'],
    withdrawn: ['中止', 'Withdrawn'],
  },
};

/** Codes with labels of their own elsewhere in Koe, by field. */
const LABELLED: Record<string, [values: readonly string[], label: (v: never, lang: Lang) => string]> = {
  role: [['admin', 'staff', 'council'], roleLabel],
  channel: [['web', 'post', 'fax', 'email', 'in_person'], channelLabel],
  hidden_reason: [['spam', 'abuse', 'off_topic', 'repeated'], hiddenReasonLabel],
  outcome: [['revised', 'not_revised', 'future_reference', 'out_of_scope'], outcomeLabel],
};

/** The label of a coded value of a field, or undefined when the value is not a known code. */
function codeLabel(field: string, value: string, lang: Lang): string | undefined {
  const pair = CODES[field]?.[value];
  if (pair) return t(lang, pair[0], pair[1]);
  const labelled = LABELLED[field];
  return labelled?.[0].includes(value) ? labelled[1](value as never, lang) : undefined;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** One value as a short line: times in the reader's style, codes by their labels, long text cut. */
export function formatAuditValue(key: string, value: unknown, lang: Lang, max = 80): string {
  if (value === null || value === undefined) return t(lang, '（なし）', '(none)');
  if (typeof value === 'string') {
    if (value === '') return t(lang, '（空欄）', '(empty)');
    if (ISO_TIME.test(value)) return formatDateTime(value, lang);
    const label = codeLabel(snake(key), value, lang);
    return shorten(label ?? value, max);
  }
  if (Array.isArray(value)) return listSummary(value, lang, max);
  if (typeof value === 'object') return shorten(JSON.stringify(value), max);
  return String(value);
}

/** A list in one line: record ids as `#1, #2 …` with the count, other values joined. */
function listSummary(list: unknown[], lang: Lang, max: number): string {
  if (list.length === 0) return t(lang, '（なし）', '(none)');
  const ids = list.map((x) => (x && typeof x === 'object' && 'id' in x ? (x as { id: unknown }).id : x));
  const text = ids.map((x) =>
    typeof x === 'number' ? `#${x}` : typeof x === 'string' ? x : JSON.stringify(x),
  );
  return `${shorten(text.join(', '), max)}${t(lang, `（${list.length}件）`, ` (${list.length})`)}`;
}

/** At most `max` characters on one line, with … where it was cut. */
function shorten(s: string, max: number): string {
  const line = s.replace(/\s+/g, ' ').trim();
  const chars = Array.from(line.slice(0, max * 2 + 2));
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : line;
}

/** One changed field: its label, and its value before and after (absent where there is none). */
export interface FieldChange {
  label: string;
  before?: string;
  after?: string;
}

function parse(json: string | null): unknown {
  if (json === null) return undefined;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

/**
 * An entry's before and after as 「項目: 前 → 後」 lines. A field that did not change is left
 * out, and so is an empty field of a new record; a list (many comments at once) is one line.
 */
export function describeChanges(
  beforeJson: string | null,
  afterJson: string | null,
  lang: Lang,
  max = 80,
): FieldChange[] {
  const before = parse(beforeJson);
  const after = parse(afterJson);
  const value = (key: string, v: unknown) =>
    v === undefined ? undefined : formatAuditValue(key, v, lang, max);
  if (!isRecord(before) && !isRecord(after)) {
    if (before === undefined && after === undefined) return [];
    const label = t(lang, '内容', 'Content');
    return [{ label, before: value('', before), after: value('', after) }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const out: FieldChange[] = [];
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const inBefore = key in b;
    const inAfter = key in a;
    if (inBefore && inAfter && JSON.stringify(b[key]) === JSON.stringify(a[key])) continue;
    if (!inBefore && isEmpty(a[key]) && beforeJson === null) continue;
    out.push({
      label: fieldLabel(key, lang),
      before: inBefore ? value(key, b[key]) : undefined,
      after: inAfter ? value(key, a[key]) : undefined,
    });
  }
  // A list where the other side is a record: show it as one more line.
  if (Array.isArray(before)) out.unshift({ label: t(lang, '対象', 'Records'), before: value('', before) });
  if (Array.isArray(after)) out.push({ label: t(lang, '対象', 'Records'), after: value('', after) });
  return out;
}
