/**
 * The council area (/council, roles council, staff and admin): read-only summaries of the
 * consultations for review councils (審議会). `requireRole` sets `c.var.actor`; below
 * `/consultations/:id` `loadConsultation` sets `c.var.consultation` once (a draft does not exist
 * here).
 *
 * Rooms: home.tsx (the list), summary.tsx (the paper on screen and in print, JSON, CSV),
 * clusters.tsx (every comment of one theme or group).
 */
import { Hono } from 'hono';
import type { ConsultationEnv, SignedInEnv } from '../../env.ts';
import { loadConsultation } from '../../http/consultation.ts';
import { area } from '../../http/render.tsx';
import { requireRole } from '../../http/session.ts';
import { clusters } from './clusters.tsx';
import { home } from './home.tsx';
import { summary } from './summary.tsx';

const consultation = new Hono<ConsultationEnv>()
  .use(
    '*',
    loadConsultation({
      visible: (c) => c.status !== 'draft',
      message: ['該当する意見募集が見つかりません。', 'No such consultation.'],
    }),
  )
  .route('/', summary)
  .route('/clusters', clusters);

export const council = new Hono<SignedInEnv>()
  .use('*', requireRole('council', 'staff', 'admin'), area('council'))
  .route('/', home)
  .route('/consultations/:id', consultation);
