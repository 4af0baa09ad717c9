import { actionLabel, describeChanges } from '../../../src/lib/audit-labels.ts';
import { t } from '../../../src/lib/i18n.ts';
import { formatDateTime } from '../../../src/lib/time.ts';
import type { PageCtx } from '../../context.ts';
import { type AuditEntry, auditQueryString, Changes, targetOf } from './AuditPage.tsx';

/** An entry with what only its own page shows: the hashes that chain it. */
export interface AuditEntryDetail extends AuditEntry {
  prev_hash: string;
  hash: string;
}

/**
 * One entry of the log in full: every changed field with its whole value, the action's code,
 * the data as recorded (JSON) and its place in the hash chain.
 */
export function AuditEntryPage({ ctx, entry }: { ctx: PageCtx; entry: AuditEntryDetail }) {
  const { lang } = ctx;
  const sameTarget = entry.target_kind
    ? auditQueryString({
        action: '',
        actor: '',
        from: '',
        to: '',
        target_type: entry.target_kind,
        target_id: entry.target_id ?? '',
      })
    : '';
  return (
    <>
      <p>
        <a href="/staff/admin/audit">{t(lang, '操作記録へ戻る', 'Back to the audit log')}</a>
      </p>
      <h1>{t(lang, `操作記録 ${entry.id}`, `Audit entry ${entry.id}`)}</h1>
      <dl class="meta">
        <dt>{t(lang, '日時', 'When')}</dt>
        <dd>
          <time datetime={entry.at}>{formatDateTime(entry.at, lang)}</time>
        </dd>
        <dt>{t(lang, '操作者', 'Actor')}</dt>
        <dd>{entry.actor_label}</dd>
        <dt>{t(lang, '操作', 'Action')}</dt>
        <dd>
          {actionLabel(entry.action, lang)} <code>{entry.action}</code>
        </dd>
        <dt>{t(lang, '対象', 'Target')}</dt>
        <dd>
          {targetOf(entry, lang)}
          {sameTarget ? (
            <>
              {' '}
              <a href={`/staff/admin/audit${sameTarget}`}>
                {t(lang, 'この対象の記録', 'Entries about this record')}
              </a>
            </>
          ) : null}
        </dd>
        <dt>{t(lang, '接続元', 'From address')}</dt>
        <dd>{entry.ip ?? '—'}</dd>
      </dl>
      <h2>{t(lang, '変更内容', 'Change')}</h2>
      <Changes lang={lang} changes={describeChanges(entry.before_json, entry.after_json, lang, 100_000)} />
      <details>
        <summary>{t(lang, '記録されたデータ（JSON）', 'The data as recorded (JSON)')}</summary>
        <dl class="audit-raw">
          <dt>{t(lang, '変更前', 'Before')}</dt>
          <dd>
            <code>{entry.before_json ?? '—'}</code>
          </dd>
          <dt>{t(lang, '変更後', 'After')}</dt>
          <dd>
            <code>{entry.after_json ?? '—'}</code>
          </dd>
          <dt>{t(lang, '直前の記録のハッシュ', 'Hash of the previous entry')}</dt>
          <dd>
            <code>{entry.prev_hash}</code>
          </dd>
          <dt>{t(lang, 'この記録のハッシュ', 'Hash of this entry')}</dt>
          <dd>
            <code>{entry.hash}</code>
          </dd>
        </dl>
      </details>
    </>
  );
}
