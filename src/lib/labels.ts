import type { Category, Channel, HiddenReason, Outcome, Role, SubmitterKind } from '../../db/schema.ts';
import type { Lang } from './i18n.ts';

type Pair = readonly [ja: string, en: string];

const channel: Record<Channel, Pair> = {
  web: ['Webフォーム', 'Web form'],
  post: ['郵送', 'Post'],
  fax: ['FAX', 'Fax'],
  email: ['電子メール', 'Email'],
  in_person: ['持参', 'In person'],
};

const category: Record<Category, Pair> = {
  resident: ['市内在住', 'Lives in the city'],
  worker: ['市内在勤', 'Works in the city'],
  student: ['市内在学', 'Studies in the city'],
  business: ['市内に事業所', 'Business in the city'],
  taxpayer: ['納税者', 'Taxpayer'],
  stakeholder: ['利害関係者', 'Stakeholder'],
  other: ['その他', 'Other'],
};

const outcome: Record<Outcome, Pair> = {
  revised: ['修正あり', 'Revised'],
  not_revised: ['修正なし', 'Not revised'],
  future_reference: ['今後の参考', 'For future reference'],
  out_of_scope: ['対象外', 'Outside the scope'],
};

const hiddenReason: Record<HiddenReason, Pair> = {
  spam: ['スパム', 'Spam'],
  abuse: ['誹謗中傷・不適切な表現', 'Abuse'],
  off_topic: ['案件と無関係', 'Off topic'],
  repeated: ['同一内容の重複送信', 'Repeated submission'],
};

const role: Record<Role, Pair> = {
  admin: ['システム管理者', 'Administrator'],
  staff: ['担当課職員', 'Staff'],
  council: ['審議会委員', 'Council member'],
};

const submitterKind: Record<SubmitterKind, Pair> = {
  individual: ['個人', 'Individual'],
  organisation: ['団体・事業者', 'Organisation or business'],
  anonymous: ['匿名', 'Anonymous'],
};

/** The analysis engine's kinds of campaign (src/analysis/types.ts CampaignKind). */
type CampaignKind = 'identical' | 'form_letter' | 'paraphrase';

const campaignKind: Record<CampaignKind, Pair> = {
  identical: ['同一の文面', 'Identical text'],
  form_letter: ['定型文に追記した文面', 'Form letter with additions'],
  paraphrase: ['言い換えによる類似の意見', 'Paraphrased copies'],
};

const pick = (pair: Pair, lang: Lang) => (lang === 'en' ? pair[1] : pair[0]);

export const channelLabel = (v: Channel, lang: Lang) => pick(channel[v], lang);
export const categoryLabel = (v: Category, lang: Lang) => pick(category[v], lang);
export const outcomeLabel = (v: Outcome, lang: Lang) => pick(outcome[v], lang);
export const hiddenReasonLabel = (v: HiddenReason, lang: Lang) => pick(hiddenReason[v], lang);
export const roleLabel = (v: Role, lang: Lang) => pick(role[v], lang);
export const submitterKindLabel = (v: SubmitterKind, lang: Lang) => pick(submitterKind[v], lang);
export const campaignKindLabel = (v: CampaignKind, lang: Lang) => pick(campaignKind[v], lang);
