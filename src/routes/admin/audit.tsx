/**
 * The audit log (/staff/admin/audit): browse with filters and pages, export the same entries
 * as CSV for Excel, and check the hash chain. Reading and checking are the use cases'
 * (src/usecases/audit-log.ts).
 */
import { type Context, Hono } from 'hono';
import { AuditEntryPage } from '../../../views/pages/admin/AuditEntryPage.tsx';
import { type AuditQuery, AuditPage } from '../../../views/pages/admin/AuditPage.tsx';
import { VerifyResult } from '../../../views/pages/admin/AdminHome.tsx';
import {
  type AuditFilter,
  type AuditRow,
  countAuditEntries,
  findAuditEntry,
  listAuditEntries,
  listAuditFacets,
} from '../../data/audit.ts';
import type { SignedInEnv } from '../../env.ts';
import { notFound } from '../../http/errors.ts';
import { pageCtx } from '../../http/render.tsx';
import { type FieldErrors, validatorsFor } from '../../http/validate.ts';
import { type CsvCell, encodeCsv, toCsv } from '../../lib/csv.ts';
import { t } from '../../lib/i18n.ts';
import { positiveInt } from '../../lib/params.ts';
import { formatDateTime } from '../../lib/time.ts';
import { auditQuerySchema } from '../../schemas/admin.ts';
import { exportAuditLog, verifyAuditLog } from '../../usecases/audit-log.ts';

export const AUDIT_PAGE_SIZE = 50;

type C = Context<SignedInEnv>;
export const audit = new Hono<SignedInEnv>();
const { query } = validatorsFor<SignedInEnv>();

/** The filter as the data layer takes it; a date that was refused filters nothing. */
function filterOf(q: AuditQuery, errors: FieldErrors = {}): AuditFilter {
  const datesOk = !errors.from && !errors.to;
  return {
    action: q.action || undefined,
    actor: q.actor || undefined,
    from: datesOk && q.from ? q.from : undefined,
    to: datesOk && q.to ? q.to : undefined,
    targetType: q.target_type || undefined,
    targetId: q.target_id || undefined,
  };
}

/** The query as typed (for the form), when the schema refused part of it. */
function typedQuery(input: Record<string, string>): AuditQuery {
  const q = (name: keyof AuditQuery) => (input[name] ?? '').trim().slice(0, 200);
  return {
    action: q('action'),
    actor: q('actor'),
    from: q('from'),
    to: q('to'),
    target_type: q('target_type'),
    target_id: q('target_id'),
  };
}

async function auditPage(c: C, q: AuditQuery, askedPage: number, errors: FieldErrors = {}) {
  const { db, lang } = c.var;
  const filter = filterOf(q, errors);
  const total = await countAuditEntries(db, filter);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(askedPage, pages);
  const rows = await listAuditEntries(db, filter, {
    limit: AUDIT_PAGE_SIZE,
    offset: (page - 1) * AUDIT_PAGE_SIZE,
  });
  const view = (
    <AuditPage
      ctx={pageCtx(c)}
      query={q}
      errors={errors}
      rows={rows}
      total={total}
      page={page}
      pageSize={AUDIT_PAGE_SIZE}
      facets={await listAuditFacets(db)}
    />
  );
  const status = Object.keys(errors).length ? 422 : 200;
  return c.render(view, { title: t(lang, '操作記録（監査ログ）', 'Audit log'), status });
}

audit.get(
  '/audit',
  query(auditQuerySchema, (c, input, errors) => auditPage(c, typedQuery(input), 1, errors)),
  (c) => {
    const { page, ...q } = c.req.valid('query');
    return auditPage(c, q, page);
  },
);

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
  'target_kind',
] as const;

/**
 * One CSV record of the log: the hashed fields as written (so the chain can be checked from the
 * file), then the kind's one name. Every field is quoted (`quoteAll`), and a leading = + - @ gets a '
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
    r.target_kind,
  ];
}

/** The entries matching the filter, oldest first, as UTF-8 CSV with BOM and CRLF (for Excel). */
audit.get('/audit.csv', query(auditQuerySchema), async (c) => {
  const { page: _page, ...q } = c.req.valid('query');
  const rows = await exportAuditLog(c.var.db, c.var.actor, filterOf(q), c.var.clock.now());
  const csv = toCsv([[...CSV_COLUMNS], ...rows.map(csvRow)], { quoteAll: true });
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', 'attachment; filename="audit-log.csv"');
  c.header('Cache-Control', 'no-store');
  return c.body(encodeCsv(csv) as Uint8Array<ArrayBuffer>);
});

audit.get('/audit/:id{[0-9]+}', async (c) => {
  const id = positiveInt(c.req.param('id'));
  const entry = id === undefined ? undefined : await findAuditEntry(c.var.db, id);
  if (!entry) throw notFound(c.var.lang);
  const page = <AuditEntryPage ctx={pageCtx(c)} entry={entry} />;
  return c.render(page, { title: t(c.var.lang, `操作記録 ${entry.id}`, `Audit entry ${entry.id}`) });
});

audit.get('/audit/verify', async (c) => {
  const page = <VerifyResult ctx={pageCtx(c)} result={await verifyAuditLog(c.var.db)} />;
  return c.render(page, { title: t(c.var.lang, '操作記録の検査結果', 'Audit log check') });
});
