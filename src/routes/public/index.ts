/**
 * The public side of Koe (no account): the list of consultations, a consultation's page and
 * documents, the comment flow (入力 → 確認 → 完了), receipts and mail subscriptions. Below `/consultations/:id`
 * the consultation is loaded once; a draft does not exist for the public.
 */
import { Hono } from 'hono';
import type { AppEnv, PublicConsultationEnv } from '../../env.ts';
import { loadConsultation } from '../../http/consultation.ts';
import { comment } from './comment.tsx';
import { consultationPage } from './consultation.tsx';
import { home } from './home.tsx';
import { receipts } from './receipts.tsx';
import { subscriptions } from './subscriptions.tsx';

const consultation = new Hono<PublicConsultationEnv>()
  .use(
    '*',
    loadConsultation({
      visible: (c) => c.status !== 'draft',
      message: [
        'この意見募集は見つかりません。番号を確かめるか、一覧からお探しください。',
        'This consultation does not exist. Check the address or find it in the list.',
      ],
    }),
  )
  .route('/', consultationPage)
  .route('/comment', comment);

export const publicRoutes = new Hono<AppEnv>()
  .route('/', home)
  .route('/receipts', receipts)
  .route('/subscriptions', subscriptions)
  .route('/consultations/:id', consultation);
