/**
 * Related documents of one consultation (/staff/consultations/:id/documents): upload, preview,
 * rename and — before publishing only — delete. Every change is audited by the data function.
 */
import { type Context, Hono } from 'hono';
import { ConfirmDeletePage } from '../../../views/pages/staff/confirmDelete.tsx';
import { DocumentRenamePage, DocumentUploadPage } from '../../../views/pages/staff/consultationDocuments.tsx';
import { deleteDocument, findDocument, insertDocument, renameDocument } from '../../data/documents.ts';
import { listDocuments } from '../../data/consultations.ts';
import type { ConsultationEnv } from '../../env.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { pageCtx, seeOther } from '../../http/render.tsx';
import { formValues, validatorsFor } from '../../http/validate.ts';
import { documentResponseHeaders } from '../../lib/download.ts';
import { t } from '../../lib/i18n.ts';
import { positiveInt } from '../../lib/params.ts';
import { confirmSchema } from '../../schemas/confirm.ts';
import { documentRenameSchema, documentUploadSchema } from '../../schemas/documents.ts';
import { notWithdrawn, refuseIfWithdrawn } from './shared.ts';

export const documents = new Hono<ConsultationEnv>();
const { form } = validatorsFor<ConsultationEnv>();

type C = Context<ConsultationEnv>;

const uploadTitle = (c: C) => t(c.var.lang, '関連資料の追加', 'Add a related document');

documents.get('/new', (c) => {
  refuseIfWithdrawn(c);
  const page = (
    <DocumentUploadPage
      ctx={pageCtx(c)}
      consultation={c.var.consultation}
      title=""
      maxBytes={c.var.config.maxUploadBytes}
    />
  );
  return c.render(page, { title: uploadTitle(c) });
});

documents.post(
  '/',
  notWithdrawn,
  form(
    (c) => documentUploadSchema(c.var.config.maxUploadBytes),
    (c, input, errors) => {
      const page = (
        <DocumentUploadPage
          ctx={pageCtx(c)}
          consultation={c.var.consultation}
          title={formValues(input, { title: '' }).title}
          maxBytes={c.var.config.maxUploadBytes}
          errors={errors}
        />
      );
      return c.render(page, { title: uploadTitle(c), status: 422 });
    },
  ),
  async (c) => {
    const { title, file } = c.req.valid('form');
    const consultation = c.var.consultation;
    await insertDocument(c.var.db, consultation.id, { title, ...file }, c.var.actor, c.var.clock.now());
    return seeOther(c, `/staff/consultations/${consultation.id}?notice=uploaded#documents`);
  },
);

/** The document named by `:docId` in this consultation, or 404. */
async function loadDocument(c: C) {
  const docId = positiveInt(c.req.param('docId'));
  const doc = (await listDocuments(c.var.db, c.var.consultation.id)).find((d) => d.id === docId);
  if (!doc) throw notFound(c.var.lang);
  return doc;
}

/** Staff preview of a stored document, served exactly as the public download serves it. */
documents.get('/:docId', async (c) => {
  const docId = positiveInt(c.req.param('docId'));
  const doc = docId === undefined ? undefined : await findDocument(c.var.db, c.var.consultation.id, docId);
  if (!doc) throw notFound(c.var.lang);
  return c.body(new Uint8Array(doc.data), 200, documentResponseHeaders(doc));
});

const renameTitle = (c: C) => t(c.var.lang, '資料名の変更', 'Rename a document');

documents.get('/:docId/edit', async (c) => {
  const doc = await loadDocument(c);
  const page = (
    <DocumentRenamePage ctx={pageCtx(c)} consultation={c.var.consultation} document={doc} title={doc.title} />
  );
  return c.render(page, { title: renameTitle(c) });
});

documents.post(
  '/:docId/edit',
  notWithdrawn,
  form(documentRenameSchema, async (c, input, errors) => {
    const page = (
      <DocumentRenamePage
        ctx={pageCtx(c)}
        consultation={c.var.consultation}
        document={await loadDocument(c)}
        title={formValues(input, { title: '' }).title}
        errors={errors}
      />
    );
    return c.render(page, { title: renameTitle(c), status: 422 });
  }),
  async (c) => {
    const doc = await loadDocument(c);
    const id = c.var.consultation.id;
    await renameDocument(c.var.db, id, doc.id, c.req.valid('form').title, c.var.actor, c.var.clock.now());
    return seeOther(c, `/staff/consultations/${id}?notice=renamed#documents`);
  },
);

/** Before publishing only: afterwards documents can be added, never taken away. */
function refuseUnlessDraft(c: C) {
  if (c.var.consultation.status !== 'draft') {
    throw conflict(
      c.var.lang,
      '公表後は資料を削除できません（追加のみ可能です）。',
      'After publishing documents cannot be deleted, only added.',
    );
  }
}

/** The question before a document is deleted (422 when a delete came without the answer). */
async function deletePage(c: C, status: 200 | 422 = 200) {
  refuseUnlessDraft(c);
  const doc = await loadDocument(c);
  const { consultation, lang } = c.var;
  const page = (
    <ConfirmDeletePage
      ctx={pageCtx(c)}
      back={{ href: `/staff/consultations/${consultation.id}#documents`, label: consultation.title }}
      heading={t(lang, '資料の削除', 'Delete a document')}
      subject={doc.title}
      consequence={t(
        lang,
        `ファイル「${doc.filename}」も削除されます。`,
        `The file “${doc.filename}” is deleted too.`,
      )}
      action={`/staff/consultations/${consultation.id}/documents/${doc.id}/delete`}
    />
  );
  return c.render(page, { title: t(lang, '資料の削除', 'Delete a document'), status });
}

documents.get('/:docId/delete', (c) => deletePage(c));

documents.post(
  '/:docId/delete',
  form(confirmSchema, (c) => deletePage(c, 422)),
  async (c) => {
    refuseUnlessDraft(c);
    const consultation = c.var.consultation;
    const doc = await loadDocument(c);
    await deleteDocument(c.var.db, consultation.id, doc.id, c.var.actor, c.var.clock.now());
    return seeOther(c, `/staff/consultations/${consultation.id}?notice=document_deleted#documents`);
  },
);
