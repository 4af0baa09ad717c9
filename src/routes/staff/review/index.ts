/**
 * The review workspace (/staff/consultations/:id/review): group the comments, write the city's
 * responses and the final text, publish the result. Mounted in the consultation sub-app, which
 * has loaded `c.var.consultation`. A draft has no review (404); once the result is published,
 * nothing here changes any more (409) — the suggestions page says so in its own words.
 */
import { Hono } from 'hono';
import type { ConsultationEnv } from '../../../env.ts';
import { comments } from './comments.tsx';
import { final } from './final.tsx';
import { groups } from './groups.tsx';
import { publish } from './publish.tsx';
import { frozenOncePublished, notDraft } from './shared.ts';
import { suggestions } from './suggestions.tsx';
import { workspace } from './workspace.tsx';

export const review = new Hono<ConsultationEnv>()
  .use('*', notDraft)
  .route('/suggestions', suggestions)
  .use('*', frozenOncePublished)
  .route('/', workspace)
  .route('/groups', groups)
  .route('/comments', comments)
  .route('/final', final)
  .route('/publish', publish);
