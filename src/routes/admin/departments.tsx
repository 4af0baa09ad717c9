/**
 * Departments (/staff/admin/departments): the list of 担当課 with the form that adds one, and per
 * department its rename and deletion. The rules (a name used once, no deleting a department in
 * use) and the audit entries are the use cases' (src/usecases/departments.ts).
 */
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import {
  type DepartmentItem,
  DepartmentPage,
  DepartmentsPage,
} from '../../../views/pages/admin/DepartmentsPages.tsx';
import { listDepartments } from '../../data/departments.ts';
import type { SignedInEnv } from '../../env.ts';
import { notFound } from '../../http/errors.ts';
import { pageCtx, seeOther } from '../../http/render.tsx';
import { type FieldErrors, formValues, validatorsFor } from '../../http/validate.ts';
import { t } from '../../lib/i18n.ts';
import { positiveInt } from '../../lib/params.ts';
import { departmentSchema } from '../../schemas/admin.ts';
import {
  createDepartment,
  type DepartmentRefusal,
  deleteDepartment,
  renameDepartment,
} from '../../usecases/departments.ts';

interface DepartmentEnv extends SignedInEnv {
  Variables: SignedInEnv['Variables'] & { department: DepartmentItem };
}

const MESSAGES: Record<DepartmentRefusal, readonly [string, string]> = {
  name_taken: ['同じ名前の担当課がすでにあります。', 'A department of that name exists already.'],
  in_use: [
    '所属する職員か意見募集があるため、削除できません。',
    'It has staff or consultations, so it cannot be deleted.',
  ],
  not_found: ['この担当課は見つかりません。', 'This department does not exist.'],
  unknown_department: ['この担当課は見つかりません。', 'This department does not exist.'],
};

const message = <E extends SignedInEnv>(c: Context<E>, refusal: DepartmentRefusal) =>
  t(c.var.lang, ...MESSAGES[refusal]);

const { form } = validatorsFor<SignedInEnv>();

async function listPage(c: Context<SignedInEnv>, o: { name?: string; errors?: FieldErrors } = {}) {
  const page = (
    <DepartmentsPage
      ctx={pageCtx(c)}
      departments={await listDepartments(c.var.db)}
      notice={c.req.method === 'GET' ? c.req.query('done') : undefined}
      name={o.name}
      errors={o.errors}
    />
  );
  return c.render(page, { title: t(c.var.lang, '担当課', 'Departments'), status: o.errors ? 422 : 200 });
}

/** Finds `:id` with its counts, or 404. */
const loadDepartment: MiddlewareHandler<DepartmentEnv> = async (c, next) => {
  const id = positiveInt(c.req.param('id'));
  const department = (await listDepartments(c.var.db)).find((d) => d.id === id);
  if (!department) throw notFound(c.var.lang);
  c.set('department', department);
  await next();
};

type D = Context<DepartmentEnv>;

function departmentPage(c: D, o: { name?: string; errors?: FieldErrors; status?: 409 | 422 } = {}) {
  const { department } = c.var;
  const page = (
    <DepartmentPage
      ctx={pageCtx(c)}
      department={department}
      name={o.name ?? department.name}
      errors={o.errors}
    />
  );
  return c.render(page, { title: department.name, status: o.status });
}

const one = validatorsFor<DepartmentEnv>();

const department = new Hono<DepartmentEnv>()
  .use('*', loadDepartment)
  .get('/', (c) => departmentPage(c))
  .post(
    '/',
    one.form(departmentSchema, (c, input, errors) =>
      departmentPage(c, { name: formValues(input, { name: '' }).name, errors, status: 422 }),
    ),
    async (c) => {
      const { name } = c.req.valid('form');
      const refused = await renameDepartment(
        c.var.db,
        c.var.actor,
        c.var.department.id,
        name,
        c.var.clock.now(),
      );
      if (refused) return departmentPage(c, { name, errors: { name: message(c, refused) }, status: 422 });
      return seeOther(c, '/staff/admin/departments?done=renamed');
    },
  )
  .post('/delete', async (c) => {
    const refused = await deleteDepartment(c.var.db, c.var.actor, c.var.department.id, c.var.clock.now());
    if (refused) return departmentPage(c, { errors: { form: message(c, refused) }, status: 409 });
    return seeOther(c, '/staff/admin/departments?done=deleted');
  });

export const departments = new Hono<SignedInEnv>()
  .get('/', (c) => listPage(c))
  .post(
    '/',
    form(departmentSchema, (c, input, errors) =>
      listPage(c, { name: formValues(input, { name: '' }).name, errors }),
    ),
    async (c) => {
      const { name } = c.req.valid('form');
      const made = await createDepartment(c.var.db, c.var.actor, name, c.var.clock.now());
      if ('refused' in made) return listPage(c, { name, errors: { name: message(c, made.refused) } });
      return seeOther(c, '/staff/admin/departments?done=created');
    },
  )
  .route('/:id', department);
