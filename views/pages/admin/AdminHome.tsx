import { t } from '../../../src/lib/i18n.ts';
import { roleLabel } from '../../../src/lib/labels.ts';
import { formatDate, formatDateTime } from '../../../src/lib/time.ts';
import type { PageCtx } from '../../context.ts';
import { Notice } from '../../partials/forms.tsx';
import { AccountStatus, type UserSummary } from './UserPages.tsx';

/** An account in the list, with the names of its departments. */
export interface UserListItem extends UserSummary {
  departments: string[];
}

/** The verdict of the chain check: intact with its count and last hash, or where it breaks. */
export type ChainVerdict =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; count: number; brokenId: number; reason: 'changed' | 'unlinked' | 'first_unlinked' };

/** The admin home: accounts, the audit log, the chain check and how to make a backup. */
export function AdminHome({ ctx, users }: { ctx: PageCtx; users: UserListItem[] }) {
  const { lang } = ctx;
  return (
    <>
      <h1>{t(lang, 'システム管理', 'Administration')}</h1>
      <nav aria-label={t(lang, '管理メニュー', 'Admin menu')} class="jump-links">
        <ul>
          <li>
            <a href="#accounts">{t(lang, 'アカウント', 'Accounts')}</a>
          </li>
          <li>
            <a href="/staff/admin/departments">{t(lang, '担当課', 'Departments')}</a>
          </li>
          <li>
            <a href="/staff/admin/settings">
              {t(lang, '市の設定（名前・リンク・ロゴ）', 'City settings (name, links, logo)')}
            </a>
          </li>
          <li>
            <a href="/staff/admin/audit">{t(lang, '操作記録（監査ログ）', 'Audit log')}</a>
          </li>
          <li>
            <a href="/staff/admin/mail">{t(lang, 'メール送信', 'Mail')}</a>
          </li>
          <li>
            <a href="#backup">{t(lang, 'バックアップ', 'Backups')}</a>
          </li>
        </ul>
      </nav>

      <h2 id="accounts">{t(lang, 'アカウント', 'Accounts')}</h2>
      <p class="actions">
        <a class="button" href="/staff/admin/users/new">
          {t(lang, 'アカウントを作成', 'Create an account')}
        </a>
      </p>
      <UsersTable ctx={ctx} users={users} />

      <h2 id="audit">{t(lang, '操作記録（監査ログ）', 'Audit log')}</h2>
      <p>
        {t(
          lang,
          'ログイン、アカウントの変更、案件や意見の操作は、すべて改ざん検知のためのハッシュチェーン付きで記録されます。',
          'Sign-ins, account changes and every action on consultations and comments are recorded in a hash chain that reveals tampering.',
        )}
      </p>
      <div class="actions">
        <a class="button-secondary" href="/staff/admin/audit">
          {t(lang, '操作記録を見る', 'Browse the audit log')}
        </a>
        <form method="get" action="/staff/admin/audit/verify" class="inline-form">
          <button type="submit">{t(lang, '改ざんがないか検査する', 'Check the chain for tampering')}</button>
        </form>
      </div>

      <h2 id="backup">{t(lang, 'バックアップ', 'Backups')}</h2>
      <p>
        {t(
          lang,
          'データベースは1つのファイルです。運用中でも一貫したコピーを作るには、サーバー上で次のコマンドを実行してください（SQLiteのオンラインバックアップを使います）。',
          'The database is one file. To make a consistent copy while Koe is running, run this command on the server (it uses SQLite’s online backup).',
        )}
      </p>
      <pre class="command">
        <code>npm run koe -- db:backup backups/koe-YYYYMMDD.sqlite3</code>
      </pre>
      <p>
        {t(
          lang,
          'バックアップの後に、操作記録の検査（npm run koe -- audit:verify）が表示する件数と最後のハッシュを、別の場所に控えておくと、新しい記録が削除されても気づけます。',
          'After a backup, note the count and last hash printed by npm run koe -- audit:verify somewhere else: that is how a removal of the newest entries can be noticed.',
        )}
      </p>
    </>
  );
}

export function UsersTable({ ctx, users }: { ctx: PageCtx; users: UserListItem[] }) {
  const { lang } = ctx;
  if (users.length === 0) return <p>{t(lang, 'アカウントはまだありません。', 'No accounts yet.')}</p>;
  return (
    <div class="table-scroll">
      <table>
        <caption class="visually-hidden">{t(lang, 'アカウント一覧', 'Accounts')}</caption>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'メールアドレス', 'Email')}</th>
            <th scope="col">{t(lang, '表示名', 'Display name')}</th>
            <th scope="col">{t(lang, '権限', 'Role')}</th>
            <th scope="col">{t(lang, '所属課', 'Departments')}</th>
            <th scope="col">{t(lang, '状態', 'Status')}</th>
            <th scope="col">{t(lang, '最終ログイン', 'Last sign-in')}</th>
            <th scope="col">{t(lang, '作成日', 'Created')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr>
              <td>
                <a href={`/staff/admin/users/${u.id}`}>{u.email}</a>
              </td>
              <td>{u.display_name}</td>
              <td>{roleLabel(u.role, lang)}</td>
              <td>
                {u.role === 'staff' ? u.departments.join('・') || t(lang, '（未登録）', '(none)') : '—'}
              </td>
              <td>
                <AccountStatus lang={lang} user={u} />
              </td>
              <td>
                {u.last_login_at ? formatDateTime(u.last_login_at, lang) : t(lang, 'まだありません', 'Never')}
              </td>
              <td>{formatDate(u.created_at, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The verdict of the chain check, in words an administrator can act on. */
export function VerifyResult({ ctx, result }: { ctx: PageCtx; result: ChainVerdict }) {
  const { lang } = ctx;
  return (
    <>
      <h1>{t(lang, '操作記録の検査結果', 'Audit log check')}</h1>
      {result.ok ? (
        <Notice kind="success">
          <p>
            <strong>{t(lang, '問題なし：', 'OK: ')}</strong>
            {t(
              lang,
              `${result.count}件の記録を検査し、改ざんや削除は見つかりませんでした。`,
              `${result.count} entries checked; no change or deletion found.`,
            )}
          </p>
          <p>
            {t(lang, '最後のハッシュ：', 'Last hash: ')}
            <code>{result.lastHash}</code>
          </p>
        </Notice>
      ) : (
        <div class="error-summary" role="alert">
          <h2>
            {t(
              lang,
              '異常あり：記録が改ざんまたは削除されています',
              'Broken: the log was changed or entries were removed',
            )}
          </h2>
          <p>
            {t(
              lang,
              `記録番号 ${result.brokenId} で連鎖が途切れています。`,
              `The chain breaks at entry ${result.brokenId}.`,
            )}{' '}
            {result.reason === 'changed'
              ? t(
                  lang,
                  'この記録の内容が、書き込まれた後に変更されています。',
                  'This entry was changed after it was written.',
                )
              : result.reason === 'first_unlinked'
                ? t(lang, 'これより前の記録が削除されています。', 'Entries before it were deleted.')
                : t(
                    lang,
                    'この記録の直前で、記録が削除・挿入されたか、直前の記録が書き換えられています。',
                    'An entry just before it was deleted or inserted, or the previous entry was rewritten.',
                  )}
          </p>
          <p>
            {t(
              lang,
              `それより前の${result.count}件は正常です。バックアップと照合し、情報セキュリティ担当に報告してください。`,
              `The ${result.count} entries before it are intact. Compare with a backup and report it to information security.`,
            )}
          </p>
        </div>
      )}
      <p>
        <a href="/staff/admin/audit">{t(lang, '操作記録へ戻る', 'Back to the audit log')}</a>
      </p>
    </>
  );
}
