/**
 * Step 7: campaigns get their ids (`c1`, `c2`… by size, then first comment) and each its
 * densest burst: many copies arriving within one window, compared with the campaign's average
 * rate over the whole period.
 */
import { densestBurst, toMillis } from '../bursts.ts';
import type { AnalysisInput, Campaign, CampaignBurst } from '../types.ts';
import type { CampaignDraft } from './copy-campaigns.ts';
import { at, type Run } from './run.ts';

export interface NumberedCampaigns {
  campaigns: Campaign[];
  /** Every campaign's burst, in time order. */
  bursts: CampaignBurst[];
  /** Item → index in `campaigns` of the first (largest) campaign it belongs to, or -1. */
  campaignOfItem: Int32Array;
}

/** When each item was received, in epoch milliseconds (NaN when unknown). */
export function receivedTimes(items: readonly AnalysisInput[]): number[] {
  return items.map((it) => toMillis(it.receivedAt));
}

export function campaignBursts(
  run: Run,
  drafts: readonly CampaignDraft[],
  times: readonly number[],
): NumberedCampaigns {
  let tMin = Infinity;
  let tMax = -Infinity;
  for (const t of times)
    if (Number.isFinite(t)) {
      if (t < tMin) tMin = t;
      if (t > tMax) tMax = t;
    }
  const windowMs = run.settings.burstWindowMinutes * 60_000;
  const campaignOfItem = new Int32Array(run.items.length).fill(-1);
  const bursts: CampaignBurst[] = [];
  const bySize = [...drafts].sort(
    (a, b) => b.campaign.size - a.campaign.size || at(a.items, 0) - at(b.items, 0),
  );
  const campaigns = bySize.map((d, k): Campaign => {
    const id = `c${k + 1}`;
    for (const i of d.items) if (campaignOfItem[i] === -1) campaignOfItem[i] = k;
    const c: Campaign = { id, ...d.campaign };
    const b = densestBurst(
      d.items.map((i) => at(times, i)),
      { windowMs, periodMs: tMax - tMin, minCount: 5, minRatio: 3 },
    );
    if (b) {
      const { ratio, ...burst } = b;
      c.burst = burst;
      bursts.push({ campaignId: id, ...burst, ratio });
    }
    return c;
  });
  bursts.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0) || b.count - a.count);
  return { campaigns, bursts, campaignOfItem };
}
