/**
 * The staff area (/staff, roles staff and admin): one sub-app per room, mounted here.
 * `requireRole` sets `c.var.actor`; below `/consultations/:id` `loadConsultation` sets
 * `c.var.consultation` once for every room of that consultation.
 */
import { Hono } from 'hono';
import type { ConsultationEnv, SignedInEnv } from '../../env.ts';
import { loadConsultation } from '../../http/consultation.ts';
import { area } from '../../http/render.tsx';
import { requireRole } from '../../http/session.ts';
import { staffRoutes } from '../staff.tsx';
import { comments } from './comments/index.ts';
import { documents } from './documents.tsx';

const consultation = new Hono<ConsultationEnv>()
  .use('*', loadConsultation())
  .route('/documents', documents)
  .route('/comments', comments);

export const staff = new Hono<SignedInEnv>()
  .use('*', requireRole('staff', 'admin'), area('staff'))
  .route('/', staffRoutes)
  .route('/consultations/:id', consultation);
