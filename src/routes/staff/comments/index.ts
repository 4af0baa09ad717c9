/**
 * A consultation's comments in the staff workspace (/staff/consultations/:id/comments): the
 * inbox, paper entry, CSV import, and one comment with its moderation. Mounted inside the
 * per-consultation sub-app, so `c.var.consultation` and `c.var.actor` are already set; how a
 * comment comes in is decided by the intake use cases (src/usecases/intake.ts).
 */
import { Hono } from 'hono';
import type { ConsultationEnv } from '../../../env.ts';
import { entry } from './entry.tsx';
import { importing } from './import.tsx';
import { inbox } from './inbox.tsx';
import { moderation } from './moderation.tsx';

export const comments = new Hono<ConsultationEnv>()
  .route('/', inbox)
  .route('/new', entry)
  .route('/import', importing)
  .route('/', moderation);
