import {
  actionLabel,
  describeChanges,
  type FieldChange,
  targetKindLabel,
} from '../../../src/lib/audit-labels.ts';
import { type Lang, t } from '../../../src/lib/i18n.ts';
import { formatDateTime } from '../../../src/lib/time.ts';
import type { PageCtx } from '../../context.ts';
import { FieldError, type FieldErrors, invalidAttrs } from '../../partials/forms.tsx';

/** One entry of the log as the pages show it (`target_kind`: the kind's one name). */
export interface AuditEntry {
  id: number;
  at: string;
  actor_label: string;
  action: string;
  target_kind: string | null;
  target_id: string | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
}

/** How many changed fields an entry shows in the list; its own page shows them all. */
const LIST_FIELDS = 3;

/** The filter form's values, as typed (query parameters). */
export interface AuditQuery {
  action: string;
  actor: string;
  from: string;
  to: string;
  target_type: string;
  target_id: string;
}

/** The query string for a page of results with the same filters. */
export function auditQueryString(q: AuditQuery, page?: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) params.set(k, v);
  if (page && page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function AuditPage({
  ctx,
  query,
  errors = {},
  rows,
  total,
  page,
  pageSize,
  facets,
}: {
  ctx: PageCtx;
  query: AuditQuery;
  errors?: FieldErrors;
  rows: AuditEntry[];
  total: number;
  page: number;
  pageSize: number;
  facets: { actions: string[]; targetTypes: string[] };
}) {
  const { lang } = ctx;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <>
      <p>
        <a href="/staff/admin">{t(lang, 'システム管理へ戻る', 'Back to administration')}</a>
      </p>
      <h1>{t(lang, '操作記録（監査ログ）', 'Audit log')}</h1>
      <form method="get" action="/staff/admin/audit" class="audit-filter">
        <fieldset>
          <legend>{t(lang, '絞り込み', 'Filter')}</legend>
          <div class="field">
            <label for="f-action">{t(lang, '操作', 'Action')}</label>
            <select id="f-action" name="action">
              <option value="">{t(lang, 'すべて', 'All')}</option>
              {facets.actions.map((a) => (
                <option value={a} selected={a === query.action}>
                  {actionLabel(a, lang)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-actor">
              {t(lang, '操作者（メールアドレスの一部）', 'Actor (part of the email)')}
            </label>
            <input type="text" id="f-actor" name="actor" value={query.actor} />
          </div>
          <div class="field">
            <label for="f-from">{t(lang, '期間（から）', 'From (date)')}</label>
            <FieldError id="f-from" errors={errors} name="from" />
            <input
              type="date"
              id="f-from"
              name="from"
              value={query.from}
              {...invalidAttrs('f-from', errors, 'from')}
            />
          </div>
          <div class="field">
            <label for="f-to">{t(lang, '期間（まで）', 'To (date)')}</label>
            <FieldError id="f-to" errors={errors} name="to" />
            <input type="date" id="f-to" name="to" value={query.to} {...invalidAttrs('f-to', errors, 'to')} />
          </div>
          <div class="field">
            <label for="f-target_type">{t(lang, '対象の種類', 'Target type')}</label>
            <select id="f-target_type" name="target_type">
              <option value="">{t(lang, 'すべて', 'All')}</option>
              {facets.targetTypes.map((tt) => (
                <option value={tt} selected={tt === query.target_type}>
                  {targetKindLabel(tt, lang)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-target_id">{t(lang, '対象の番号', 'Target id')}</label>
            <input
              type="text"
              id="f-target_id"
              name="target_id"
              value={query.target_id}
              inputmode="numeric"
            />
          </div>
          <div class="actions">
            <button type="submit">{t(lang, '絞り込む', 'Apply filter')}</button>
            <a href="/staff/admin/audit">{t(lang, '条件を解除', 'Clear filter')}</a>
            <a class="button-secondary" href={`/staff/admin/audit.csv${auditQueryString(query)}`}>
              {t(lang, 'この条件でCSVを出力', 'Download these entries as CSV')}
            </a>
          </div>
        </fieldset>
      </form>
      <form method="get" action="/staff/admin/audit/verify">
        <button type="submit" class="button-secondary">
          {t(lang, '改ざんがないか検査する', 'Check the chain for tampering')}
        </button>
      </form>

      <p role="status">
        {total === 0
          ? t(lang, '該当する記録はありません。', 'No entries match.')
          : t(lang, `全${total}件中 ${first}〜${last}件目`, `Entries ${first}–${last} of ${total}`)}
      </p>
      {rows.length > 0 ? (
        <div class="table-scroll">
          <table class="audit-table">
            <caption class="visually-hidden">
              {t(lang, '操作記録（新しい順）', 'Audit entries, newest first')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t(lang, '番号', 'No.')}</th>
                <th scope="col">{t(lang, '日時', 'When')}</th>
                <th scope="col">{t(lang, '操作者', 'Actor')}</th>
                <th scope="col">{t(lang, '操作', 'Action')}</th>
                <th scope="col">{t(lang, '対象', 'Target')}</th>
                <th scope="col">{t(lang, '変更内容', 'Change')}</th>
                <th scope="col">{t(lang, '接続元', 'From address')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const changes = describeChanges(r.before_json, r.after_json, lang, 40);
                const more = changes.length - LIST_FIELDS;
                return (
                  <tr>
                    <td>
                      <a href={`/staff/admin/audit/${r.id}`}>{r.id}</a>
                    </td>
                    <td>
                      <time datetime={r.at}>{formatDateTime(r.at, lang)}</time>
                    </td>
                    <td>{r.actor_label}</td>
                    <td>{actionLabel(r.action, lang)}</td>
                    <td>{targetOf(r, lang)}</td>
                    <td>
                      <Changes lang={lang} changes={changes.slice(0, LIST_FIELDS)} />
                      {more > 0 ? (
                        <a href={`/staff/admin/audit/${r.id}`}>
                          {t(lang, `ほか${more}項目`, `${more} more field${more === 1 ? '' : 's'}`)}
                        </a>
                      ) : null}
                    </td>
                    <td>{r.ip ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {pages > 1 ? (
        <nav aria-label={t(lang, 'ページ送り', 'Pages')} class="pager">
          <ul>
            {page > 1 ? (
              <li>
                <a href={`/staff/admin/audit${auditQueryString(query, page - 1)}`} rel="prev">
                  {t(lang, '← 新しい記録', '← Newer')}
                </a>
              </li>
            ) : null}
            <li aria-current="page">{t(lang, `${page} / ${pages}ページ`, `Page ${page} of ${pages}`)}</li>
            {page < pages ? (
              <li>
                <a href={`/staff/admin/audit${auditQueryString(query, page + 1)}`} rel="next">
                  {t(lang, '古い記録 →', 'Older →')}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </>
  );
}

/** The record an entry is about: 「意見 #12」. */
export function targetOf(r: Pick<AuditEntry, 'target_kind' | 'target_id'>, lang: Lang): string {
  if (!r.target_kind) return '—';
  return `${targetKindLabel(r.target_kind, lang)}${r.target_id ? ` #${r.target_id}` : ''}`;
}

/** Changed fields as 「項目: 前 → 後」, one a line. */
export function Changes({ lang, changes }: { lang: Lang; changes: FieldChange[] }) {
  if (changes.length === 0) return <>—</>;
  return (
    <ul class="audit-change">
      {changes.map((c) => (
        <li>
          <span class="audit-field">{`${c.label}:`}</span>{' '}
          {c.before !== undefined && c.after !== undefined
            ? `${c.before} → ${c.after}`
            : c.before !== undefined
              ? `${c.before} → ${t(lang, '（なし）', '(none)')}`
              : c.after}
        </li>
      ))}
    </ul>
  );
}
