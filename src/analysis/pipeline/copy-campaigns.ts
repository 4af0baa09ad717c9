/**
 * Step 3: campaigns of copies. A point of one text with enough copies is an `identical`
 * campaign; a verified group of near-duplicates with enough copies is a `form_letter`, with what
 * each copy added to the template. Campaigns get their ids later, once paraphrase campaigns are
 * known (ids follow size).
 */
import { extractAddition } from '../form-letters.ts';
import type { Campaign, CommentId } from '../types.ts';
import type { Point } from './near-duplicate-points.ts';
import { at, type Run } from './run.ts';

/** A campaign before it is numbered. */
export interface CampaignDraft {
  campaign: Omit<Campaign, 'id' | 'burst'>;
  /** Its items, ascending. */
  items: number[];
  /** The point the campaign was found as (a paraphrase campaign may absorb it). */
  point?: number;
}

export interface CopyCampaigns {
  drafts: CampaignDraft[];
  /** Per point: 0 none, 1 an identical campaign, 2 a form letter. */
  kindOfPoint: Uint8Array;
}

export const IDENTICAL = 1;
export const FORM_LETTER = 2;

export function copyCampaigns(run: Run, points: readonly Point[]): CopyCampaigns {
  const { items, idOf, settings } = run;
  const drafts: CampaignDraft[] = [];
  const kindOfPoint = new Uint8Array(points.length);
  points.forEach((pt, p) => {
    if (pt.copies < settings.minCampaignSize) return;
    if (pt.uniques.length === 1) {
      kindOfPoint[p] = IDENTICAL;
      drafts.push({
        campaign: {
          kind: 'identical',
          size: pt.copies,
          uniqueSize: 1,
          memberIds: pt.items.map(idOf),
          canonicalText: at(items, at(pt.items, 0)).text,
          additions: [],
          cohesion: 1,
        },
        items: pt.items,
        point: p,
      });
      return;
    }
    if (!pt.verified) return;
    const { template, cohesion } = pt.verified;
    // Copies may still turn out to be part of a paraphrase campaign: several writers copying
    // one of the script's wordings.
    kindOfPoint[p] = FORM_LETTER;
    const additions: { id: CommentId; addedText: string; at: number }[] = [];
    for (const u of pt.uniques) {
      const added = extractAddition(u.norm, template);
      if (added !== '') for (const i of u.items) additions.push({ id: idOf(i), addedText: added, at: i });
    }
    additions.sort((a, b) => a.at - b.at);
    drafts.push({
      campaign: {
        kind: 'form_letter',
        size: pt.copies,
        uniqueSize: pt.uniques.length,
        memberIds: pt.items.map(idOf),
        canonicalText: template.text,
        additions: additions.map(({ id, addedText }) => ({ id, addedText })),
        cohesion: Math.round(cohesion * 1000) / 1000,
      },
      items: pt.items,
      point: p,
    });
  });
  return { drafts, kindOfPoint };
}
