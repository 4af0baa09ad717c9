/**
 * Accounts (/staff/admin/users): create one, then per account change its role and departments,
 * disable or enable it, issue a temporary password. The rules and the audit entries are the use
 * cases' (src/usecases/accounts.ts, src/usecases/departments.ts); `loadAccount` finds `:id` once
 * for every page of an account. A temporary password is shown once, in the answer to the POST
 * that made it, and never again.
 */
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  type NewUserForm,
  NewUserPage,
  TemporaryPasswordPage,
  type UserForm,
  UserPage,
} from '../../../views/pages/admin/UserPages.tsx';
import { listDepartments, listUserDepartmentIds } from '../../data/departments.ts';
import { findUserById, isEmailRegistered } from '../../data/users.ts';
import type { AccountChangeRefusal } from '../../domain/accounts.ts';
import type { SignedInEnv } from '../../env.ts';
import { pageCtx, seeOther } from '../../http/render.tsx';
import { type FieldErrors, formValues, validatorsFor } from '../../http/validate.ts';
import { t } from '../../lib/i18n.ts';
import { positiveInt } from '../../lib/params.ts';
import { accountDepartmentsSchema, newUserSchema, roleSchema } from '../../schemas/admin.ts';
import {
  changeRole,
  createAccount,
  disableAccount,
  enableAccount,
  resetPassword,
  type TargetAccount,
} from '../../usecases/accounts.ts';
import { setAccountDepartments } from '../../usecases/departments.ts';

interface AccountEnv extends SignedInEnv {
  Variables: SignedInEnv['Variables'] & { account: TargetAccount };
}

export const users = new Hono<SignedInEnv>();
const { form } = validatorsFor<SignedInEnv>();

const departmentChoices = async <E extends SignedInEnv>(c: Context<E>) =>
  (await listDepartments(c.var.db)).map(({ id, name }) => ({ id, name }));

const EMPTY_NEW_USER: NewUserForm = { email: '', display_name: '', role: 'staff', department_ids: [] };

async function newUserPage(c: Context<SignedInEnv>, values: NewUserForm, errors?: FieldErrors) {
  const page = (
    <NewUserPage ctx={pageCtx(c)} form={values} departments={await departmentChoices(c)} errors={errors} />
  );
  const title = t(c.var.lang, 'アカウントの作成', 'Create an account');
  return c.render(page, { title, status: errors ? 422 : 200 });
}

const typedNewUser = (input: Parameters<typeof formValues>[0]) =>
  formValues(input, { email: '', display_name: '', role: '', department_ids: [] as string[] });

users.get('/new', (c) => newUserPage(c, EMPTY_NEW_USER));

users.post(
  '/',
  form(
    (c) => newUserSchema((email) => isEmailRegistered(c.var.db, email)),
    (c, input, errors) => newUserPage(c, typedNewUser(input), errors),
  ),
  async (c) => {
    const v = c.req.valid('form');
    const input = {
      email: v.email,
      displayName: v.display_name,
      role: v.role,
      departmentIds: v.department_ids,
    };
    const created = await createAccount(c.var.db, c.var.actor, input, c.var.clock.now());
    if (!created) {
      const message = t(c.var.lang, '所属課を選び直してください。', 'Choose the departments again.');
      return newUserPage(
        c,
        { ...typedNewUser({}), ...input, department_ids: [] },
        { department_ids: message },
      );
    }
    const page = (
      <TemporaryPasswordPage
        ctx={pageCtx(c)}
        user={{ id: created.id, email: v.email }}
        password={created.temporaryPassword}
        created
      />
    );
    return c.render(page, {
      title: t(c.var.lang, 'アカウントを作成しました', 'The account was created'),
      status: 201,
    });
  },
);

/** Finds the account named by `:id` (without its password hash), or 404. */
const loadAccount: MiddlewareHandler<AccountEnv> = async (c, next) => {
  const id = positiveInt(c.req.param('id'));
  const user = id === undefined ? undefined : await findUserById(c.var.db, id);
  if (!user) {
    throw new HTTPException(404, {
      message: t(c.var.lang, 'このアカウントは見つかりません。', 'This account does not exist.'),
    });
  }
  const { password_hash: _hash, ...summary } = user;
  c.set('account', summary);
  await next();
};

type A = Context<AccountEnv>;

async function userPage(c: A, o: { errors?: FieldErrors; failedForm?: UserForm; status?: 409 | 422 } = {}) {
  const { db, account } = c.var;
  const page = (
    <UserPage
      ctx={pageCtx(c)}
      user={account}
      departmentIds={await listUserDepartmentIds(db, account.id)}
      departments={await departmentChoices(c)}
      done={c.req.method === 'GET' ? c.req.query('done') : undefined}
      errors={o.errors}
      failedForm={o.failedForm}
    />
  );
  return c.render(page, { title: account.email, status: o.status });
}

const refusalMessages: Record<AccountChangeRefusal, readonly [string, string]> = {
  self: [
    '自分自身の権限の変更や停止はできません。ほかの管理者に依頼してください。',
    'You cannot change your own role or disable yourself; ask another administrator.',
  ],
  last_admin: [
    '有効なシステム管理者が1人もいなくなるため、変更できません。',
    'This would leave no active administrator, so it cannot be done.',
  ],
};

/** After a change: its confirmation, or the account page again with why it was refused. */
function answer(c: A, refused: AccountChangeRefusal | null, done: string) {
  if (!refused) return seeOther(c, `/staff/admin/users/${c.var.account.id}?done=${done}`);
  const [ja, en] = refusalMessages[refused];
  return userPage(c, { errors: { form: t(c.var.lang, ja, en) }, status: 409 });
}

/** The acting admin, the account and the time, as every change takes them. */
const changeOf = (c: A) => ({ actor: c.var.actor, target: c.var.account, now: c.var.clock.now() });

const { form: accountForm } = validatorsFor<AccountEnv>();
const account = new Hono<AccountEnv>().use('*', loadAccount);

account.get('/', (c) => userPage(c));

account.post(
  '/role',
  accountForm(roleSchema, (c, _input, errors) => userPage(c, { errors, failedForm: 'role', status: 422 })),
  async (c) => {
    const { role } = c.req.valid('form');
    return answer(c, await changeRole(c.var.db, changeOf(c), role), 'role');
  },
);

account.post(
  '/departments',
  accountForm(accountDepartmentsSchema, (c, _input, errors) =>
    userPage(c, { errors, failedForm: 'departments', status: 422 }),
  ),
  async (c) => {
    const { db, actor, account: target } = c.var;
    const ids = c.req.valid('form').department_ids;
    const refused = await setAccountDepartments(db, actor, target.id, ids, c.var.clock.now());
    if (refused) {
      const message = t(c.var.lang, '所属課を選び直してください。', 'Choose the departments again.');
      return userPage(c, { errors: { department_ids: message }, failedForm: 'departments', status: 422 });
    }
    return seeOther(c, `/staff/admin/users/${target.id}?done=departments`);
  },
);

account.post('/disable', async (c) => answer(c, await disableAccount(c.var.db, changeOf(c)), 'disabled'));

account.post('/enable', async (c) => answer(c, await enableAccount(c.var.db, changeOf(c)), 'enabled'));

account.post('/password', async (c) => {
  const outcome = await resetPassword(c.var.db, changeOf(c));
  if ('refused' in outcome) {
    if (outcome.refused === 'self') {
      const message = t(
        c.var.lang,
        '自分のパスワードは「アカウント」ページで、現在のパスワードを入力して変更してください。',
        'Change your own password on your account page, with your current password.',
      );
      return userPage(c, { errors: { form: message }, status: 409 });
    }
    return answer(c, outcome.refused, 'password');
  }
  const page = (
    <TemporaryPasswordPage
      ctx={pageCtx(c)}
      user={c.var.account}
      password={outcome.temporaryPassword}
      created={false}
    />
  );
  return c.render(page, {
    title: t(c.var.lang, '仮のパスワードを発行しました', 'A temporary password was issued'),
  });
});

users.route('/:id', account);
