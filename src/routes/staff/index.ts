/**
 * The staff area (/staff, roles staff and admin): one sub-app per room, mounted here.
 * `requireRole` sets `c.var.actor`; below `/consultations/:id` `loadConsultation` sets
 * `c.var.consultation` once for every room of that consultation, and `requireDepartment` lets in
 * only staff of its department (and administrators) — the one place that rule is enforced.
 *
 * Rooms: home.tsx (the list), consultations.tsx (create, the staff page, edit details),
 * draft.tsx (import and split), sections.tsx (add, edit, move, delete) with corrections.tsx
 * (正誤 after publishing), publishing.tsx (publish, withdraw), documents.tsx (関連資料),
 * preview.tsx (the public page before it is published).
 */
import { Hono } from 'hono';
import type { ConsultationEnv, SignedInEnv } from '../../env.ts';
import { loadConsultation, requireDepartment } from '../../http/consultation.ts';
import { area } from '../../http/render.tsx';
import { requireRole } from '../../http/session.ts';
import { consultations, details } from './consultations.tsx';
import { comments } from './comments/index.ts';
import { documents } from './documents.tsx';
import { draft } from './draft.tsx';
import { home } from './home.tsx';
import { preview } from './preview.tsx';
import { publishing } from './publishing.tsx';
import { review } from './review/index.ts';
import { sections } from './sections.tsx';

const consultation = new Hono<ConsultationEnv>()
  .use('*', loadConsultation(), requireDepartment())
  .route('/', details)
  .route('/', publishing)
  .route('/draft', draft)
  .route('/preview', preview)
  .route('/sections', sections)
  .route('/documents', documents)
  .route('/review', review)
  .route('/comments', comments);

export const staff = new Hono<SignedInEnv>()
  .use('*', requireRole('staff', 'admin'), area('staff'))
  .route('/', home)
  // Fixed paths first: /consultations/new is not the consultation with id "new".
  .route('/consultations', consultations)
  .route('/consultations/:id', consultation);
