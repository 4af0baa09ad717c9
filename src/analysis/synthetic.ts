/**
 * Deterministic synthetic Japanese public comments with planted campaigns, for the benchmark
 * and tests. Organic comments are recombined from topic vocabularies with enough slots that two
 * of them rarely share a sentence verbatim (real citizens do not either).
 */
import { makeRng } from './hash.ts';
import type { AnalysisInput } from './types.ts';

interface Topic {
  n: string[];
  p: string[];
  r: string[];
  why: string[];
}

const TOPICS: Topic[] = [
  {
    n: ['路線バス', 'コミュニティバス', '循環バス', 'バス停', '駅前ロータリー', '乗り継ぎ', '時刻表', '運賃'],
    p: [
      '本数が少なく不便',
      '最終便が早すぎる',
      '乗り継ぎが悪い',
      '屋根やベンチがない',
      '遅れが多い',
      '経路が分かりにくい',
    ],
    r: [
      '増便を検討してほしい',
      'ダイヤを見直してほしい',
      '屋根付きの待合所を整備してほしい',
      'ICカードを使えるようにしてほしい',
      '運賃を下げてほしい',
      '路線図を分かりやすくしてほしい',
    ],
    why: [
      '通勤や通学で毎日使うので',
      '車を持たない家庭も多いので',
      '免許を返納した後の足なので',
      '雨の日は特に困るので',
      '通院に欠かせないので',
      '観光客も利用するので',
    ],
  },
  {
    n: ['近所の公園', '児童公園', '遊具', '公園のトイレ', '芝生広場', '街路樹', '緑地', 'ボール遊びの場所'],
    p: [
      '老朽化して危ない',
      '夜は暗くて怖い',
      '草が伸び放題になっている',
      '清掃が行き届いていない',
      'ボール遊びが禁止されている',
      '日陰が少ない',
    ],
    r: [
      '遊具を更新してほしい',
      '照明を増やしてほしい',
      '定期的に草刈りをしてほしい',
      'トイレを洋式にしてほしい',
      'ボール遊びができる時間帯を設けてほしい',
      '木陰やベンチを増やしてほしい',
    ],
    why: [
      '子どもが毎日遊ぶ場所なので',
      '高齢者の散歩コースなので',
      '地域の行事で使うので',
      '災害時の避難場所でもあるので',
      '夏場は熱中症が心配なので',
      '犬の散歩で通るので',
    ],
  },
  {
    n: [
      'ごみ収集',
      '資源ごみ',
      '粗大ごみ',
      'ごみ集積所',
      '分別ルール',
      'プラスチック容器',
      'ごみ袋',
      '収集カレンダー',
    ],
    p: [
      '収集日が分かりにくい',
      'カラスに荒らされる',
      '分別が複雑すぎる',
      '指定袋の値段が高い',
      '集積所が遠い',
      '収集時間が早すぎる',
    ],
    r: [
      '分別アプリを作ってほしい',
      'ネットやボックスを配布してほしい',
      '分別を簡素化してほしい',
      '指定袋の価格を見直してほしい',
      '戸別収集を検討してほしい',
      '収集日を増やしてほしい',
    ],
    why: [
      '高齢で重い袋を運ぶのがつらいので',
      '共働きで朝に出せないので',
      '外国人住民も増えているので',
      '道路が汚れて衛生的でないので',
      '環境のために協力したいので',
      '転入したばかりで戸惑ったので',
    ],
  },
  {
    n: ['市立図書館', '分館', '閲覧席', '蔵書', '開館時間', '電子書籍', '学習室', '移動図書館'],
    p: [
      '席がすぐ埋まる',
      '開館時間が短い',
      '新しい本が少ない',
      '駐車場が狭い',
      '予約した本がなかなか届かない',
      '建物が古く暗い',
    ],
    r: [
      '夜間も開館してほしい',
      '電子書籍サービスを充実してほしい',
      '学習スペースを増やしてほしい',
      '蔵書を増やしてほしい',
      '移動図書館の巡回を増やしてほしい',
      'カフェを併設してほしい',
    ],
    why: [
      '受験生が勉強する場所が少ないので',
      '仕事帰りに寄りたいので',
      '子どもの読書習慣のために',
      '高齢者の居場所になるので',
      '地域の文化拠点なので',
      '遠方に住んでいて通えないので',
    ],
  },
  {
    n: ['保育園', '学童保育', '一時預かり', '子育て支援センター', '待機児童', '病児保育', '保育士', '児童館'],
    p: [
      '入園できない',
      '定員がすぐいっぱいになる',
      '申請手続きが煩雑',
      '保育料の負担が大きい',
      '預かり時間が短い',
      '人手が足りていない',
    ],
    r: [
      '定員を増やしてほしい',
      '手続きをオンライン化してほしい',
      '保育料を軽減してほしい',
      '延長保育を拡充してほしい',
      '保育士の待遇を改善してほしい',
      '病児保育の施設を増やしてほしい',
    ],
    why: [
      '共働き家庭が増えているので',
      '仕事に復帰できないので',
      '近くに頼れる親族がいないので',
      '子どもが急に熱を出すことが多いので',
      '若い世帯に住み続けてもらうために',
      'ひとり親家庭には特に切実なので',
    ],
  },
  {
    n: [
      '防災訓練',
      '避難所',
      'ハザードマップ',
      '防災無線',
      '備蓄倉庫',
      '自主防災組織',
      '避難経路',
      '防災アプリ',
    ],
    p: [
      '内容が形式的になっている',
      '場所が分かりにくい',
      '放送が聞き取れない',
      '備蓄が足りない',
      '担い手が高齢化している',
      '夜間の避難が想定されていない',
    ],
    r: [
      '実践的な訓練にしてほしい',
      '案内表示を増やしてほしい',
      'メールやアプリでも通知してほしい',
      '備蓄品を見直してほしい',
      '若い世代の参加を促してほしい',
      '要支援者の名簿を整備してほしい',
    ],
    why: [
      '近年は豪雨災害が多いので',
      '川の近くに住んでいるので',
      '高齢の親と同居しているので',
      '以前の水害で不安を感じたので',
      '障がいのある家族がいるので',
      '外国人住民にも伝わるように',
    ],
  },
  {
    n: [
      '協働の指針',
      '市民活動',
      'まちづくり協議会',
      'NPO',
      'ボランティア',
      '地域の担い手',
      '協働事業提案制度',
      '市民活動センター',
    ],
    p: [
      '内容が抽象的で分かりにくい',
      '市民の役割ばかり強調されている',
      '行政の責任があいまい',
      '若い世代の参加が少ない',
      '事務負担が大きい',
      '情報発信が足りない',
    ],
    r: [
      '具体的な事例を示してほしい',
      '行政の役割を明記してほしい',
      '活動資金の支援を続けてほしい',
      '若者が参加しやすい仕組みを作ってほしい',
      '手続きを簡素化してほしい',
      'ホームページで情報を公開してほしい',
    ],
    why: [
      '地域の活動が先細りしているので',
      '町内会の加入率が下がっているので',
      'ボランティアの負担が大きいので',
      '市民にも分かる言葉で書くべきなので',
      '協働は対等な関係であるべきなので',
      '団体同士の連携が足りないので',
    ],
  },
  {
    n: ['歩道', '通学路', '交差点', '自転車道', '道路の舗装', '街灯', '横断歩道', '側溝'],
    p: ['幅が狭くて危ない', '段差が多い', '見通しが悪い', '穴があいている', '夜は暗い', '車がスピードを出す'],
    r: [
      '拡幅してほしい',
      '段差を解消してほしい',
      'カーブミラーを設置してほしい',
      '早急に補修してほしい',
      '街灯を増やしてほしい',
      'ガードレールを設置してほしい',
    ],
    why: [
      '小学生が毎日通るので',
      '車いすやベビーカーでは通れないので',
      '事故が何度も起きているので',
      '高齢者が転びそうになったので',
      '自転車通学の生徒が多いので',
      '夜に帰宅する人も多いので',
    ],
  },
];

const DISTRICTS = [
  '北区',
  '南町',
  '東地区',
  '西が丘',
  '中央',
  '駅北',
  '川沿い',
  '山手',
  '新町',
  '旧市街',
  '港地区',
  '水島',
];
const WHO = [
  '会社員',
  '主婦',
  '学生',
  '自営業',
  '年金生活者',
  '看護師',
  '教員',
  'パート勤務',
  '介護職',
  '農家',
];
const AGES = ['20代', '30代', '40代', '50代', '60代', '70代', '80代'];
const ADVERBS = ['', 'ぜひ', 'どうか', '早急に', 'できれば', '前向きに', 'ぜひとも'];
const CLOSERS = [
  '',
  'よろしくお願いします。',
  'ご検討ください。',
  '以上、意見として提出します。',
  '期待しています。',
  '前向きな対応をお願いします。',
];
const FEEL = [
  'と感じています',
  'と思います',
  'のが現状です',
  'ことに困っています',
  'と以前から感じていました',
  'という声をよく聞きます',
];

/** A labelled synthetic comment: `campaign` is the planted campaign (undefined = organic). */
export interface SyntheticComment extends AnalysisInput {
  campaign?: string;
  topic: number;
}

interface Slots {
  topic: number;
  slots: string[][];
}

/** Planted paraphrase "scripts": each slot lists ways of saying the same thing. */
const PARAPHRASES: Slots[] = [
  {
    topic: 0,
    slots: [
      [
        '北部循環バスの廃止に反対します。',
        '北部循環バスをなくさないでください。',
        '北部循環バスの廃止案には賛成できません。',
        '北部循環バスは存続させるべきです。',
        '北部循環バスの廃止は撤回してください。',
        '北部循環バスの廃止計画を見直してください。',
      ],
      [
        '車を運転できない高齢者にとって唯一の交通手段です。',
        '免許を返納した高齢者の足がなくなってしまいます。',
        'お年寄りが通院や買い物に行けなくなります。',
        '高齢者の生活に欠かせない移動手段です。',
        '運転できない高齢者が孤立してしまいます。',
      ],
      [
        '利用者が少ないのは本数が少ないからです。',
        '便数を減らしたから利用が減っただけです。',
        '本数が少なすぎて乗客が増えないのです。',
        '利用が少ないのはダイヤが不便だからです。',
      ],
      [
        '廃止ではなくデマンド交通との組み合わせを検討してください。',
        '存続に向けて運行方法を見直してほしいです。',
        '地域住民の声を聞いてから決めてください。',
        '北部地域の住民説明会を開いてください。',
      ],
    ],
  },
  {
    topic: 6,
    slots: [
      [
        '協働の指針に市の責任を明記してください。',
        '協働の指針では市の責任をはっきり書くべきです。',
        '協働の指針に行政の責任が書かれていないのは問題です。',
        '協働の指針は市の責任をあいまいにしています。',
        '協働の指針で市が果たす責任を明確にしてください。',
      ],
      [
        '市民に負担を押し付けるための指針になっています。',
        'このままでは市民への丸投げです。',
        '行政の仕事を市民に肩代わりさせる内容に見えます。',
        '市民の善意に頼りすぎた内容です。',
      ],
      [
        '協働は対等な関係であるべきです。',
        '市民と市は対等なパートナーのはずです。',
        '対等な立場での協働を求めます。',
        '協働とは対等な関係のことだと思います。',
      ],
      [
        '指針の修正を求めます。',
        '案の見直しをお願いします。',
        '市の役割を書き加えてください。',
        '改めて修正案を示してください。',
      ],
    ],
  },
  {
    topic: 1,
    slots: [
      [
        '中央公園の樹木伐採に反対します。',
        '中央公園の木を切らないでください。',
        '中央公園の樹木伐採計画は中止すべきです。',
        '中央公園の大きな木の伐採には賛成できません。',
        '中央公園の木々の伐採を見直してください。',
      ],
      [
        '夏の木陰がなくなり熱中症が心配です。',
        '木陰は子どもや高齢者を暑さから守っています。',
        '木がなくなると夏は暑くて使えない公園になります。',
        '猛暑の中で木陰は欠かせません。',
      ],
      [
        '何十年もかけて育った木は簡単には戻りません。',
        '一度切った木は元に戻せません。',
        '長年親しまれてきた木を失うのは残念です。',
        '樹齢の長い木は地域の財産です。',
      ],
      [
        '剪定や治療で残す方法を検討してください。',
        '伐採以外の方法を考えてください。',
        '樹木医による診断を行ってください。',
        '住民への説明を先に行ってください。',
      ],
    ],
  },
];

const IDENTICAL = [
  '市民活動センターの閉館に反対します。存続をお願いします。',
  '第3章の協働の定義に、地域の町内会の役割を明記してください。',
  '東地区への大型商業施設の誘致に賛成です。早期の実現を望みます。',
];

const FORM_LETTERS = [
  {
    topic: 4,
    text: '私たちは保育園の民営化計画に反対します。保育の質を守るためには公立園の役割が欠かせません。保育士の雇用と子どもたちの環境を守るため、計画の撤回を求めます。',
  },
  {
    topic: 2,
    text: 'ごみ袋の有料化に反対します。家計への負担がさらに大きくなります。不法投棄が増えるおそれもあります。有料化の前に分別の徹底と減量の取り組みを進めてください。',
  },
  {
    topic: 5,
    text: '避難所の運営マニュアルの見直しを求めます。女性や子ども、障がいのある人の視点が欠けています。更衣室や授乳室の確保、プライバシーへの配慮を明記してください。',
  },
];

function pick<T>(rng: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)] as T;
}

const WHEN = [
  '先日',
  '先月',
  '去年の夏',
  '毎朝',
  '休日に',
  '雨の日に',
  '夕方',
  '週末',
  '年末に',
  '平日の昼間',
  '3年前から',
  '引っ越してきてから',
];
const GENERIC = [
  '{age}の{who}です。',
  '{d}に{y}年ほど住んでいます。',
  '{when}、家族とこの件について話しました。',
  '{when}近所の人とも話題になりました。',
  '市の広報で案を知りました。',
  '説明会には仕事で参加できませんでした。',
  '資料の{pg}ページを読みました。',
  '{who}として日々感じていることを書きます。',
  '子育て中の立場から意見を述べます。',
  '長く{d}で暮らしてきた者として一言申し上げます。',
  '周りの{who}仲間も同じ意見です。',
  '他の自治体の取り組みも参考にしてください。',
  '財源が限られていることは理解しています。',
  '職員の皆さんの努力には感謝しています。',
  '{when}、{d}の集まりで話し合いました。',
];

function fill(rng: () => number, tpl: string): string {
  return tpl
    .replace('{age}', pick(rng, AGES))
    .replace('{who}', pick(rng, WHO))
    .replace('{d}', pick(rng, DISTRICTS))
    .replace('{y}', String(2 + Math.floor(rng() * 40)))
    .replace('{when}', pick(rng, WHEN))
    .replace('{pg}', String(1 + Math.floor(rng() * 30)));
}

function organicSentence(rng: () => number, t: Topic): string {
  const d = pick(rng, DISTRICTS);
  const n = pick(rng, t.n);
  const w = pick(rng, WHEN);
  switch (Math.floor(rng() * 7)) {
    case 0:
      return `${d}の${n}は${pick(rng, t.p)}${pick(rng, FEEL)}。`;
    case 1:
      return `${pick(rng, t.why)}、${n}について${pick(rng, ADVERBS)}${pick(rng, t.r)}。`;
    case 2:
      return `${w}${n}を利用しましたが、${pick(rng, t.p)}と思いました。`;
    case 3:
      return `${n}は${pick(rng, t.p)}状態で、${pick(rng, t.why).replace(/ので$|ために$|ように$/, '')}こともあり心配です。`;
    case 4:
      return `${w}気づいたのですが、${d}では${n}が${pick(rng, t.p)}ようです。`;
    case 5:
      return `${pick(rng, t.why)}、${w}から${n}の${pick(rng, t.r).replace(/てほしい$/, 'る工夫をしてください')}。`;
    default:
      return `${n}の件は${pick(rng, ADVERBS)}${pick(rng, t.r)}と考えます。`;
  }
}

/** An organic comment: 3–4 content sentences on one topic, often with personal context. */
export function organicComment(rng: () => number, topic: number): string {
  const t = TOPICS[topic] as Topic;
  const k = 3 + Math.floor(rng() * 2);
  const parts: string[] = [];
  for (let i = 0; i < k; i++) parts.push(organicSentence(rng, t));
  if (rng() < 0.8) parts.splice(Math.floor(rng() * parts.length), 0, fill(rng, pick(rng, GENERIC)));
  if (rng() < 0.3) parts.unshift(fill(rng, pick(rng, GENERIC)));
  return parts.join('') + pick(rng, CLOSERS);
}

/** Light edits a copier makes: width, punctuation, a dropped 「、」. */
function jitter(rng: () => number, s: string): string {
  const x = rng();
  if (x < 0.15) return s.replace(/。/g, '．');
  if (x < 0.25) return s.replace(/、/g, '');
  if (x < 0.35) return s.replace(/3/g, '３').replace(/です。/, 'です！');
  return s;
}

export interface SyntheticOptions {
  seed?: number;
  /** Share of comments planted in campaigns (default 0.2). */
  campaignShare?: number;
}

/**
 * Generate `n` comments. Campaign sizes are fixed shares of n, so 10k and 100k runs plant the
 * same structure. Timestamps span 30 days; identical campaigns arrive in a two-hour burst.
 */
export function generateComments(n: number, opts: SyntheticOptions = {}): SyntheticComment[] {
  const rng = makeRng(opts.seed ?? 20240601);
  const share = opts.campaignShare ?? 0.2;
  const start = Date.parse('2026-11-01T00:00:00+09:00');
  const span = 30 * 86400_000;
  const out: SyntheticComment[] = [];
  const weightsIdentical = [0.3, 0.12, 0.08];
  const weightsForm = [0.4, 0.18, 0.1];
  const weightsPara = [0.25, 0.15, 0.1];
  const planned = Math.round(n * share);
  const totalW = [...weightsIdentical, ...weightsForm, ...weightsPara].reduce((a, b) => a + b, 0);
  const sizeOf = (w: number): number => Math.max(5, Math.round((planned * w) / totalW));
  IDENTICAL.forEach((text, i) => {
    const size = sizeOf(weightsIdentical[i] as number);
    const burstStart = start + rng() * (span - 7200_000);
    for (let k = 0; k < size; k++)
      out.push({
        id: 0,
        text: jitter(rng, text),
        campaign: `identical${i}`,
        topic: 6,
        receivedAt: new Date(burstStart + rng() * 7200_000),
      });
  });
  FORM_LETTERS.forEach((f, i) => {
    const size = sizeOf(weightsForm[i] as number);
    for (let k = 0; k < size; k++) {
      const own = rng() < 0.7 ? organicComment(rng, f.topic) : '';
      const text = rng() < 0.5 ? f.text + own : own + f.text;
      out.push({
        id: 0,
        text: jitter(rng, text),
        campaign: `form${i}`,
        topic: f.topic,
        receivedAt: new Date(start + rng() * span),
      });
    }
  });
  PARAPHRASES.forEach((p, i) => {
    const size = sizeOf(weightsPara[i] as number);
    for (let k = 0; k < size; k++) {
      const parts = p.slots.filter((_, j) => j === 0 || rng() > 0.2).map((variants) => pick(rng, variants));
      // Writers reorder their reasons; the stance usually stays first.
      if (parts.length > 2 && rng() < 0.5) parts.push(parts.splice(1, 1)[0] as string);
      const opener = rng() < 0.3 ? `${pick(rng, AGES)}の${pick(rng, WHO)}です。` : '';
      out.push({
        id: 0,
        text: opener + parts.join('') + pick(rng, CLOSERS),
        campaign: `paraphrase${i}`,
        topic: p.topic,
        receivedAt: new Date(start + rng() * span),
      });
    }
  });
  while (out.length < n) {
    const topic = Math.floor(rng() * TOPICS.length);
    out.push({ id: 0, text: organicComment(rng, topic), topic, receivedAt: new Date(start + rng() * span) });
  }
  out.length = n;
  // Shuffle (Fisher–Yates, seeded) so campaigns are not contiguous, then number the comments.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = out[i] as SyntheticComment;
    out[i] = out[j] as SyntheticComment;
    out[j] = t;
  }
  out.forEach((c, i) => {
    c.id = i + 1;
  });
  return out;
}

export interface CampaignScore {
  /** Per comment: predicted "in some campaign" vs planted "in some campaign". */
  precision: number;
  recall: number;
  /** Pairs of comments put in the same campaign vs planted in the same campaign. */
  pairPrecision: number;
  pairRecall: number;
  planted: number;
  predicted: number;
}

/** Score predicted campaign labels against planted ones (undefined = none). */
export function scoreCampaigns(
  planted: readonly (string | undefined)[],
  predicted: readonly (string | undefined)[],
): CampaignScore {
  let tp = 0;
  let pl = 0;
  let pr = 0;
  const cell = new Map<string, number>();
  const rowT = new Map<string, number>();
  const colT = new Map<string, number>();
  planted.forEach((a, i) => {
    const b = predicted[i];
    if (a !== undefined) {
      pl++;
      rowT.set(a, (rowT.get(a) ?? 0) + 1);
    }
    if (b !== undefined) {
      pr++;
      colT.set(b, (colT.get(b) ?? 0) + 1);
    }
    if (a !== undefined && b !== undefined) {
      tp++;
      const k = `${a}\u0000${b}`;
      cell.set(k, (cell.get(k) ?? 0) + 1);
    }
  });
  const pairs = (m: Map<string, number>): number =>
    [...m.values()].reduce((s, v) => s + (v * (v - 1)) / 2, 0);
  const both = pairs(cell);
  return {
    precision: pr > 0 ? tp / pr : 1,
    recall: pl > 0 ? tp / pl : 1,
    pairPrecision: pairs(colT) > 0 ? both / pairs(colT) : 1,
    pairRecall: pairs(rowT) > 0 ? both / pairs(rowT) : 1,
    planted: pl,
    predicted: pr,
  };
}
