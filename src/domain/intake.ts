/**
 * When a consultation takes comments, whatever the channel. The web form takes them while the
 * period is open; staff enter paper comments received within the period, even after it closed
 * (the postmark rule). Once the result is published intake is closed for every channel: the
 * result's counts and its table must keep accounting for every comment.
 */
import type { Channel, Consultation } from '../../db/schema.ts';
import { type Lang, t } from '../lib/i18n.ts';

export type IntakeRefusal =
  | 'not_published'
  | 'withdrawn'
  | 'result_published'
  | 'not_open'
  | 'closed'
  | 'outside_period'
  | 'future';

export type IntakeState = Pick<Consultation, 'status' | 'opens_at' | 'closes_at' | 'result_published_at'>;

/** Closed whatever the channel and the date: a draft, a withdrawn consultation, a published result. */
export function intakeClosed(c: IntakeState): 'not_published' | 'withdrawn' | 'result_published' | null {
  if (c.status === 'withdrawn') return 'withdrawn';
  if (c.status !== 'published') return 'not_published';
  if (c.result_published_at) return 'result_published';
  return null;
}

/** Why a comment received at `receivedAt` by `channel` cannot be stored now, or null. */
export function intakeRefusal(
  c: IntakeState,
  channel: Channel,
  receivedAt: Date,
  now: Date,
): IntakeRefusal | null {
  const closed = intakeClosed(c);
  if (closed) return closed;
  const at = (channel === 'web' ? now : receivedAt).toISOString();
  if (!c.opens_at || at < c.opens_at) return channel === 'web' ? 'not_open' : 'outside_period';
  if (!c.closes_at || at > c.closes_at) return channel === 'web' ? 'closed' : 'outside_period';
  if (receivedAt.getTime() > now.getTime()) return 'future';
  return null;
}

/** The refusal in words for the person who tried, with what it means. */
export function intakeRefusalMessage(refusal: IntakeRefusal, lang: Lang): string {
  switch (refusal) {
    case 'result_published':
      return t(
        lang,
        'この意見募集は結果を公表したため、意見の受付を終了しています。公表後に届いた意見は登録できません（公表した件数と表に含まれないため）。',
        'The result of this consultation has been published, so it no longer takes comments: a comment added now would be missing from the published counts and table.',
      );
    case 'withdrawn':
      return t(
        lang,
        'この意見募集は中止したため、意見を受け付けていません。',
        'This consultation was withdrawn and takes no comments.',
      );
    case 'not_published':
      return t(
        lang,
        'この意見募集はまだ公表していないため、意見を登録できません。',
        'This consultation has not been published yet, so no comments can be entered.',
      );
    case 'not_open':
      return t(lang, '意見の募集期間はまだ始まっていません。', 'The comment period has not started yet.');
    case 'closed':
      return t(lang, '意見の募集期間は終了しました。', 'The comment period has ended.');
    case 'outside_period':
      return t(
        lang,
        '受付日が募集期間の外です。期間内に受け付けた（消印のある）意見だけを登録できます。',
        'The date received is outside the comment period. Only comments received or postmarked within the period can be entered.',
      );
    case 'future':
      return t(lang, '受付日に未来の日付は指定できません。', 'The date received cannot be in the future.');
  }
}
