import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AdminHome, VerifyResult } from '../../views/pages/admin/AdminHome.tsx';
import { type AuditQuery, AuditPage } from '../../views/pages/admin/AuditPage.tsx';
import { isRole, NewUserPage, type UserForm, UserPage } from '../../views/pages/admin/UserPages.tsx';
import type { FieldErrors } from '../../views/partials/forms.tsx';
import {
  type AuditFilter,
  type AuditRow,
  appendAudit,
  countAuditEntries,
  listAuditBatch,
  listAuditEntries,
  listAuditFacets,
} from '../data/audit.ts';
import { deleteUserSessions } from '../data/sessions.ts';
import {
  countActiveAdmins,
  findUserById,
  insertUser,
  listUsers,
  normaliseEmail,
  setUserDisabled,
  updateUserPassword,
  updateUserRole,
} from '../data/users.ts';
import { verifyAuditLog } from '../domain/audit-verify.ts';
import type { AppEnv } from '../env.ts';
import { hashPassword, newPasswordErrors, requireRole } from '../lib/auth.ts';
import { type CsvCell, encodeCsv, toCsv } from '../lib/csv.ts';
import { t } from '../lib/i18n.ts';
import { pageCtx, render, seeOther } from '../lib/render.tsx';
import { formatDateTime } from '../lib/time.ts';
import { readNewAccount } from './auth.tsx';

/** Accounts, the audit log and its chain check: administrators only. Mounted at /staff/admin. */
export const adminRoutes = new Hono<AppEnv>();
adminRoutes.use('*', requireRole('admin'));

export const AUDIT_PAGE_SIZE = 50;

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** The acting admin, as the audit log records them. */
function actor(c: Context<AppEnv>) {
  const user = c.var.user!;
  return { actorId: user.id, actorLabel: user.email, ip: c.var.clientIp };
}

adminRoutes.get('/', async (c) => {
  const users = await listUsers(c.var.db);
  return render(c, {
    title: t(c.var.lang, 'システム管理', 'Administration'),
    body: <AdminHome ctx={pageCtx(c)} users={users} />,
    area: 'admin',
  });
});

// Accounts

adminRoutes.get('/users/new', (c) =>
  render(c, {
    title: t(c.var.lang, 'アカウントの作成', 'Create an account'),
    body: <NewUserPage ctx={pageCtx(c)} form={{ email: '', display_name: '', role: 'staff' }} />,
    area: 'admin',
  }),
);

adminRoutes.post('/users', async (c) => {
  const { lang, db, clock } = c.var;
  const body = await c.req.parseBody();
  const account = await readNewAccount(db, lang, body);
  const { password, errors } = account;
  const form = { ...account.form, role: str(body.role) };
  if (!isRole(form.role)) errors.role = t(lang, '権限を選んでください。', 'Choose a role.');
  if (Object.values(errors).some(Boolean) || !isRole(form.role)) {
    return render(c, {
      title: t(lang, 'アカウントの作成', 'Create an account'),
      body: <NewUserPage ctx={pageCtx(c)} form={form} errors={errors} />,
      status: 422,
      area: 'admin',
    });
  }
  const role = form.role;
  const passwordHash = await hashPassword(password);
  const now = clock.now();
  const email = normaliseEmail(form.email);
  const id = await db.transaction().execute(async (trx) => {
    const id = await insertUser(trx, { email, displayName: form.display_name, role, passwordHash }, now);
    await appendAudit(
      trx,
      {
        ...actor(c),
        action: 'user.create',
        targetType: 'user',
        targetId: id,
        after: { email, display_name: form.display_name, role },
      },
      now,
    );
    return id;
  });
  return seeOther(c, `/staff/admin/users/${id}?done=created`);
});

async function loadUser(c: Context<AppEnv>) {
  const id = Number(c.req.param('id'));
  const user = Number.isInteger(id) && id > 0 ? await findUserById(c.var.db, id) : undefined;
  if (!user) {
    throw new HTTPException(404, {
      message: t(c.var.lang, 'このアカウントは見つかりません。', 'This account does not exist.'),
    });
  }
  const { password_hash: _hash, ...summary } = user;
  return summary;
}

function userPage(
  c: Context<AppEnv>,
  user: Awaited<ReturnType<typeof loadUser>>,
  opts: { errors?: FieldErrors; failedForm?: UserForm; role?: string; status?: 422 | 409 } = {},
) {
  return render(c, {
    title: user.email,
    body: (
      <UserPage
        ctx={pageCtx(c)}
        user={user}
        done={c.req.method === 'GET' ? c.req.query('done') : undefined}
        errors={opts.errors}
        failedForm={opts.failedForm}
        role={opts.role}
      />
    ),
    status: opts.status,
    area: 'admin',
  });
}

/** An admin may not change their own role or disable themselves, nor leave the city without an admin. */
async function refusal(
  c: Context<AppEnv>,
  user: Awaited<ReturnType<typeof loadUser>>,
  losesAdmin: boolean,
): Promise<string | null> {
  const { lang } = c.var;
  if (user.id === c.var.user!.id) {
    return t(
      lang,
      '自分自身の権限の変更や停止はできません。ほかの管理者に依頼してください。',
      'You cannot change your own role or disable yourself; ask another administrator.',
    );
  }
  if (losesAdmin && user.role === 'admin' && !user.disabled_at && (await countActiveAdmins(c.var.db)) <= 1) {
    return t(
      lang,
      '有効なシステム管理者が1人もいなくなるため、変更できません。',
      'This would leave no active administrator, so it cannot be done.',
    );
  }
  return null;
}

adminRoutes.get('/users/:id', async (c) => userPage(c, await loadUser(c)));

adminRoutes.post('/users/:id/role', async (c) => {
  const { lang, db, clock } = c.var;
  const user = await loadUser(c);
  const role = str((await c.req.parseBody()).role);
  if (!isRole(role)) {
    return userPage(c, user, {
      errors: { role: t(lang, '権限を選んでください。', 'Choose a role.') },
      failedForm: 'role',
      status: 422,
    });
  }
  const refused = await refusal(c, user, role !== 'admin');
  if (refused) return userPage(c, user, { errors: { form: refused }, status: 409 });
  if (role !== user.role) {
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      await updateUserRole(trx, user.id, role);
      await appendAudit(
        trx,
        {
          ...actor(c),
          action: 'user.role_change',
          targetType: 'user',
          targetId: user.id,
          before: { role: user.role },
          after: { role },
        },
        now,
      );
    });
  }
  return seeOther(c, `/staff/admin/users/${user.id}?done=role`);
});

adminRoutes.post('/users/:id/disable', async (c) => {
  const { db, clock } = c.var;
  const user = await loadUser(c);
  const refused = await refusal(c, user, true);
  if (refused) return userPage(c, user, { errors: { form: refused }, status: 409 });
  if (!user.disabled_at) {
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      await setUserDisabled(trx, user.id, now);
      const ended = await deleteUserSessions(trx, user.id);
      await appendAudit(
        trx,
        {
          ...actor(c),
          action: 'user.disable',
          targetType: 'user',
          targetId: user.id,
          before: { disabled_at: null },
          after: { disabled_at: now.toISOString(), sessions_ended: ended },
        },
        now,
      );
    });
  }
  return seeOther(c, `/staff/admin/users/${user.id}?done=disabled`);
});

adminRoutes.post('/users/:id/enable', async (c) => {
  const { db, clock } = c.var;
  const user = await loadUser(c);
  const refused = await refusal(c, user, false);
  if (refused) return userPage(c, user, { errors: { form: refused }, status: 409 });
  if (user.disabled_at) {
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      await setUserDisabled(trx, user.id, null);
      await appendAudit(
        trx,
        {
          ...actor(c),
          action: 'user.enable',
          targetType: 'user',
          targetId: user.id,
          before: { disabled_at: user.disabled_at },
          after: { disabled_at: null },
        },
        now,
      );
    });
  }
  return seeOther(c, `/staff/admin/users/${user.id}?done=enabled`);
});

adminRoutes.post('/users/:id/password', async (c) => {
  const { lang, db, clock } = c.var;
  const user = await loadUser(c);
  if (user.id === c.var.user!.id) {
    return userPage(c, user, {
      errors: {
        form: t(
          lang,
          '自分のパスワードは「アカウント」ページで、現在のパスワードを入力して変更してください。',
          'Change your own password on your account page, with your current password.',
        ),
      },
      status: 409,
    });
  }
  const body = await c.req.parseBody();
  const password = str(body.password);
  const errors = newPasswordErrors(lang, password, str(body.password_confirm));
  if (Object.values(errors).some(Boolean)) {
    return userPage(c, user, { errors, failedForm: 'password', status: 422 });
  }
  const hash = await hashPassword(password);
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    await updateUserPassword(trx, user.id, hash, now);
    const ended = await deleteUserSessions(trx, user.id);
    await appendAudit(
      trx,
      {
        ...actor(c),
        action: 'user.password_reset',
        targetType: 'user',
        targetId: user.id,
        before: { password_changed_at: user.password_changed_at },
        after: { password_changed_at: now.toISOString(), sessions_ended: ended },
      },
      now,
    );
  });
  return seeOther(c, `/staff/admin/users/${user.id}?done=password`);
});

// Audit log

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the filter from the query; bad dates become field errors instead of a failed query. */
function auditQuery(c: Context<AppEnv>): { query: AuditQuery; filter: AuditFilter; errors: FieldErrors } {
  const lang = c.var.lang;
  const q = (name: string) => (c.req.query(name) ?? '').trim().slice(0, 200);
  const query: AuditQuery = {
    action: q('action'),
    actor: q('actor'),
    from: q('from'),
    to: q('to'),
    target_type: q('target_type'),
    target_id: q('target_id'),
  };
  const errors: FieldErrors = {};
  const badDate = t(lang, '日付は 2026-11-24 の形で入力してください。', 'Enter a date like 2026-11-24.');
  const validDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
  if (query.from && !validDate(query.from)) errors.from = badDate;
  if (query.to && !validDate(query.to)) errors.to = badDate;
  if (!errors.from && !errors.to && query.from && query.to && query.from > query.to) {
    errors.to = t(
      lang,
      '終わりの日付は、始めの日付以降にしてください。',
      'The end date must not be before the start.',
    );
  }
  const filter: AuditFilter = {
    action: query.action || undefined,
    actor: query.actor || undefined,
    from: query.from && !errors.from && !errors.to ? query.from : undefined,
    to: query.to && !errors.to && !errors.from ? query.to : undefined,
    targetType: query.target_type || undefined,
    targetId: query.target_id || undefined,
  };
  return { query, filter, errors };
}

adminRoutes.get('/audit', async (c) => {
  const { db, lang } = c.var;
  const { query, filter, errors } = auditQuery(c);
  const total = await countAuditEntries(db, filter);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const asked = Number.parseInt(c.req.query('page') ?? '1', 10);
  const page = Number.isFinite(asked) ? Math.min(Math.max(asked, 1), pages) : 1;
  const rows = await listAuditEntries(db, filter, {
    limit: AUDIT_PAGE_SIZE,
    offset: (page - 1) * AUDIT_PAGE_SIZE,
  });
  const facets = await listAuditFacets(db);
  return render(c, {
    title: t(lang, '操作記録（監査ログ）', 'Audit log'),
    body: (
      <AuditPage
        ctx={pageCtx(c)}
        query={query}
        errors={errors}
        rows={rows}
        total={total}
        page={page}
        pageSize={AUDIT_PAGE_SIZE}
        facets={facets}
      />
    ),
    status: Object.keys(errors).length ? 422 : 200,
    area: 'admin',
  });
});

const CSV_COLUMNS = [
  'id',
  'at_utc',
  'at_jst',
  'actor_id',
  'actor_label',
  'action',
  'target_type',
  'target_id',
  'before_json',
  'after_json',
  'ip',
  'prev_hash',
  'hash',
] as const;

/**
 * One CSV record of the log. Every field is quoted (`quoteAll`), and a leading = + - @ gets a '
 * (lib/csv) so that Excel does not run a typed-in email like `=HYPERLINK(…)` as a formula.
 */
function csvRow(r: AuditRow): CsvCell[] {
  return [
    r.id,
    r.at,
    formatDateTime(r.at, 'ja'),
    r.actor_id,
    r.actor_label,
    r.action,
    r.target_type,
    r.target_id,
    r.before_json,
    r.after_json,
    r.ip,
    r.prev_hash,
    r.hash,
  ];
}

/** The entries matching the filter, oldest first, as UTF-8 CSV with BOM and CRLF (for Excel). */
adminRoutes.get('/audit.csv', async (c) => {
  const { db, clock } = c.var;
  const { filter } = auditQuery(c);
  const rows: CsvCell[][] = [[...CSV_COLUMNS]];
  let after = 0;
  for (;;) {
    const batch = await listAuditBatch(db, after, 2000, filter);
    for (const r of batch) rows.push(csvRow(r));
    const last = batch.at(-1);
    if (!last) break;
    after = last.id;
  }
  await appendAudit(
    db,
    { ...actor(c), action: 'audit.export', after: { filter, rows: rows.length - 1 } },
    clock.now(),
  );
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', 'attachment; filename="audit-log.csv"');
  c.header('Cache-Control', 'no-store');
  return c.body(encodeCsv(toCsv(rows, { quoteAll: true })) as Uint8Array<ArrayBuffer>);
});

adminRoutes.get('/audit/verify', async (c) => {
  const result = await verifyAuditLog(c.var.db);
  return render(c, {
    title: t(c.var.lang, '操作記録の検査結果', 'Audit log check'),
    body: <VerifyResult ctx={pageCtx(c)} result={result} />,
    area: 'admin',
  });
});
