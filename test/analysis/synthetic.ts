/**
 * Deterministic synthetic Japanese public comments with planted campaigns, for the benchmark
 * and tests.
 *
 * Organic comments imitate how citizens write: one of eight topics, each with its own large
 * vocabulary (things, problems, requests, reasons, experiences); many sentence frames; personal
 * details (district and landmark, age, job, family, times, durations, counts, other cities);
 * 1–8 sentences; a personal writing style (how requests are phrased, polite or plain) and
 * occasional typos and width variants. Two organic comments are therefore not near-duplicates
 * by chance, as with real comments.
 *
 * Planted campaigns: identical copies (light punctuation/width jitter only); form letters = a
 * fixed template of 3–6 sentences, 70 % of copies with the sender's own paragraph before or
 * after it; paraphrases = the same 2–3 points restated with synonyms and in varying order.
 */
import { makeRng } from '../../src/analysis/hash.ts';
import type { AnalysisInput } from '../../src/analysis/types.ts';

type Rng = () => number;

const w = (s: string): string[] => s.split(/\s+/).filter(Boolean);

interface Topic {
  /** Things people write about. */
  n: string[];
  /** Problems (plain form, can be followed by と思います etc.). */
  p: string[];
  /** Requests, ending in てほしい (rewritten per writer's style). */
  r: string[];
  /** Reasons, ending in ので / ために. */
  why: string[];
  /** Whole experience sentences; {t} = a time, {k} = a small number. */
  exp: string[];
}

const TOPICS: Topic[] = [
  {
    n: w(
      '路線バス コミュニティバス 循環バス バス停 駅前ロータリー 乗り継ぎ 時刻表 運賃 デマンドタクシー 最終便 始発便 バス路線図 乗り場の案内 高齢者向け乗車券 ノンステップバス 停留所の位置',
    ),
    p: w(
      '本数が少なく不便 最終便が早すぎる 乗り継ぎが悪い 屋根やベンチがない 遅れが多い 経路が分かりにくい 運賃が割高 段差が高く乗りにくい 混雑して座れない 案内表示が小さい 予約の電話がつながらない 休日は運休している',
    ),
    r: w(
      '増便を検討してほしい ダイヤを見直してほしい 屋根付きの待合所を整備してほしい ICカードを使えるようにしてほしい 運賃を下げてほしい 路線図を分かりやすくしてほしい 最終便を遅くしてほしい 病院への直通便を作ってほしい 予約をネットでもできるようにしてほしい 接続する便の時刻を合わせてほしい ベンチを置いてほしい 運行情報をアプリで出してほしい',
    ),
    why: w(
      '通勤や通学で毎日使うので 車を持たない家庭も多いので 免許を返納した後の足なので 雨の日は特に困るので 通院に欠かせないので 観光客も利用するので 駅まで歩くと遠いので 夜勤明けに使うので 坂道が多い地域なので 子どもだけで塾に通うので',
    ),
    exp: [
      '{t}、バス停で{k}0分以上待ちましたが結局来ませんでした。',
      '母は週に{k}回、バスで病院に通っています。',
      '{t}の便に乗ろうとしたら満員で乗れませんでした。',
      '乗り継ぎのために駅で{k}0分近く待つことがよくあります。',
      '{k}年前に{免許を返納して|車を手放して}からは{バスだけが頼りです|バスがないと{どこにも行けません|病院に通えません}}。',
      '{t}、雨の中でバスを待っていてずぶ濡れになりました。',
      '高校生の娘が{t}のバスで帰ってきますが、いつも遅れています。',
      '{運転手さんは親切ですが|運転手さんの対応は良いのですが}、{車両が古くて揺れがひどいです|{t}に乗った便は冷房が効いていませんでした}。',
    ],
  },
  {
    n: w(
      '近所の公園 児童公園 遊具 公園のトイレ 芝生広場 街路樹 緑地 ボール遊びの場所 砂場 水飲み場 公園の照明 ベンチ 花壇 ドッグラン 池の周り 遊歩道',
    ),
    p: w(
      '老朽化して危ない 夜は暗くて怖い 草が伸び放題になっている 清掃が行き届いていない ボール遊びが禁止されている 日陰が少ない 落書きが目立つ 蚊が多い 水が出ない ごみが散らかっている 手すりがさびている 段差が多く車いすで入れない',
    ),
    r: w(
      '遊具を更新してほしい 照明を増やしてほしい 定期的に草刈りをしてほしい トイレを洋式にしてほしい ボール遊びができる時間帯を設けてほしい 木陰やベンチを増やしてほしい インクルーシブ遊具を入れてほしい 防犯カメラを付けてほしい 水飲み場を直してほしい 管理の回数を増やしてほしい 花壇の手入れを地域に任せてほしい 入口の段差をなくしてほしい',
    ),
    why: w(
      '子どもが毎日遊ぶ場所なので 高齢者の散歩コースなので 地域の行事で使うので 災害時の避難場所でもあるので 夏場は熱中症が心配なので 犬の散歩で通るので 近くに他の公園がないので 保育園の散歩でも使われているので 中学生のたまり場になっているので',
    ),
    exp: [
      '{t}、子どもが遊具のささくれで手をけがしました。',
      '毎朝{k}0分ほど公園を散歩するのが日課です。',
      '{t}に公園のトイレに入ったら、電気がついていませんでした。',
      '夏休みは{k}歳の孫を連れて公園に行きますが、日陰がなくてすぐ帰ります。',
      '公園の清掃ボランティアに{k}年ほど参加しています。',
      '{t}、ベンチが壊れたまま放置されているのを見ました。',
      '{近所の|うちの周りの|団地の}子どもたちは{t}も道路でボール遊びをしていて{危なっかしいです|ひやひやします}。',
    ],
  },
  {
    n: w(
      'ごみ収集 資源ごみ 粗大ごみ ごみ集積所 分別ルール プラスチック容器 ごみ袋 収集カレンダー 生ごみ 古紙回収 びん・缶 ペットボトル 不法投棄 戸別収集 ごみ処理手数料 清掃センター',
    ),
    p: w(
      '収集日が分かりにくい カラスに荒らされる 分別が複雑すぎる 指定袋の値段が高い 集積所が遠い 収集時間が早すぎる 回収されずに残っている 予約がなかなか取れない 説明が外国語に対応していない 集積所の掃除が当番任せ 持ち込みの受付時間が短い においがひどい',
    ),
    r: w(
      '分別アプリを作ってほしい ネットやボックスを配布してほしい 分別を簡素化してほしい 指定袋の価格を見直してほしい 戸別収集を検討してほしい 収集日を増やしてほしい 粗大ごみの予約をネットでできるようにしてほしい 多言語のチラシを配ってほしい 集積所の設置費用を補助してほしい 土曜日も持ち込みを受け付けてほしい 生ごみ処理機の補助を続けてほしい 不法投棄の見回りを強化してほしい',
    ),
    why: w(
      '高齢で重い袋を運ぶのがつらいので 共働きで朝に出せないので 外国人住民も増えているので 道路が汚れて衛生的でないので 環境のために協力したいので 転入したばかりで戸惑ったので アパートの住民の入れ替わりが多いので 子どもの紙おむつでごみが多いので',
    ),
    exp: [
      '{t}、集積所のごみがカラスに荒らされて道路に散らばっていました。',
      '粗大ごみの予約電話が{k}回かけてもつながりませんでした。',
      'うちは{k}人家族で、燃えるごみの袋が週に何枚も必要です。',
      '{t}に出したプラスチックが回収されず、シールを貼られて残っていました。',
      '集積所の当番が月に{k}回回ってきて負担です。',
      '{k}年前に{引っ越してきたとき|転入したとき}、分別の{冊子|パンフレット}を読んでも{よく分かりませんでした|迷うことばかりでした}。',
    ],
  },
  {
    n: w(
      '市立図書館 分館 閲覧席 蔵書 開館時間 電子書籍 学習室 移動図書館 予約システム 児童書コーナー 駐車場 返却ポスト 郷土資料 新聞コーナー 読み聞かせ会 レファレンス',
    ),
    p: w(
      '席がすぐ埋まる 開館時間が短い 新しい本が少ない 駐車場が狭い 予約した本がなかなか届かない 建物が古く暗い 冷房が効きすぎている 休館日が多い 検索しにくい 子ども連れだと気を使う 返却ポストがいっぱいになる Wi-Fiが使えない',
    ),
    r: w(
      '夜間も開館してほしい 電子書籍サービスを充実してほしい 学習スペースを増やしてほしい 蔵書を増やしてほしい 移動図書館の巡回を増やしてほしい カフェを併設してほしい 月曜日も開けてほしい 予約の取り置き期間を延ばしてほしい 子ども連れ専用の時間を作ってほしい 駅前に返却ポストを置いてほしい 郷土資料をデジタル化してほしい Wi-Fiを整備してほしい',
    ),
    why: w(
      '受験生が勉強する場所が少ないので 仕事帰りに寄りたいので 子どもの読書習慣のために 高齢者の居場所になるので 地域の文化拠点なので 遠方に住んでいて通えないので 本を買う余裕がない家庭もあるので 調べ物に欠かせないので',
    ),
    exp: [
      '{t}に学習室へ行ったら、開館{k}0分後にはもう満席でした。',
      '予約した本が届くまでに{k}か月かかりました。',
      '毎週{k}冊ほど借りて読んでいます。',
      '{t}、子どもが少し声を出しただけで注意されてしまいました。',
      '移動図書館が{月に{k}回|{t}に}来るのを{近所のお年寄りが|団地の高齢者が|子どもたちが}楽しみにしています。',
      '仕事が終わるのが{k}時過ぎなので、開館時間に間に合いません。',
    ],
  },
  {
    n: w(
      '保育園 学童保育 一時預かり 子育て支援センター 待機児童 病児保育 保育士 児童館 保育料 入園手続き 延長保育 ファミリーサポート 子ども医療費助成 放課後子ども教室 産後ケア 乳幼児健診',
    ),
    p: w(
      '入園できない 定員がすぐいっぱいになる 申請手続きが煩雑 保育料の負担が大きい 預かり時間が短い 人手が足りていない 情報がまとまっていない 予約が取りにくい 利用条件が厳しい 場所が遠い 書類が多すぎる 土日に使えない',
    ),
    r: w(
      '定員を増やしてほしい 手続きをオンライン化してほしい 保育料を軽減してほしい 延長保育を拡充してほしい 保育士の待遇を改善してほしい 病児保育の施設を増やしてほしい 学童の受け入れを6年生まで広げてほしい 一時預かりの予約をネットでできるようにしてほしい 情報を一つのサイトにまとめてほしい 土曜日も開所してほしい 兄弟の同じ園への入園を優先してほしい 産後ケアの利用料を下げてほしい',
    ),
    why: w(
      '共働き家庭が増えているので 仕事に復帰できないので 近くに頼れる親族がいないので 子どもが急に熱を出すことが多いので 若い世帯に住み続けてもらうために ひとり親家庭には特に切実なので 夜勤のある仕事なので 上の子の送迎もあるので',
    ),
    exp: [
      '{k}歳の子の入園を申し込みましたが、{k}園とも落ちました。',
      '育休が明ける{t}までに預け先が決まらず不安です。',
      '{t}、子どもが熱を出して仕事を休むことになりました。',
      '学童のお迎えが{k}時に間に合わず、毎日走っています。',
      '入園の書類をそろえるのに{k}日も仕事を休みました。',
      '一時預かりを予約しようとしたら{k}週間先まで埋まっていました。',
    ],
  },
  {
    n: w(
      '防災訓練 避難所 ハザードマップ 防災無線 備蓄倉庫 自主防災組織 避難経路 防災アプリ 要支援者名簿 福祉避難所 土のう 河川の堤防 避難指示 防災リーダー 給水所 ペット同行避難',
    ),
    p: w(
      '内容が形式的になっている 場所が分かりにくい 放送が聞き取れない 備蓄が足りない 担い手が高齢化している 夜間の避難が想定されていない 段差が多くて使いにくい 情報が届くのが遅い 周知が足りない 連絡先が古いまま 訓練の日程が平日ばかり ペットの扱いが決まっていない',
    ),
    r: w(
      '実践的な訓練にしてほしい 案内表示を増やしてほしい メールやアプリでも通知してほしい 備蓄品を見直してほしい 若い世代の参加を促してほしい 要支援者の名簿を整備してほしい 堤防の点検を急いでほしい 福祉避難所を増やしてほしい 土日に訓練を開いてほしい ペット同行のルールを決めてほしい 多言語で案内してほしい 土のうを配布してほしい',
    ),
    why: w(
      '近年は豪雨災害が多いので 川の近くに住んでいるので 高齢の親と同居しているので 以前の水害で不安を感じたので 障がいのある家族がいるので 外国人住民にも伝わるように 低い土地に住んでいるので 夜勤で家にいない時間が長いので',
    ),
    exp: [
      '{t}の大雨のとき、防災無線の放送が雨音で全く聞こえませんでした。',
      '平成30年の豪雨では自宅が床上{k}0センチまで浸水しました。',
      '避難所まで歩くと{k}0分かかり、足の悪い母には無理です。',
      '{t}の防災訓練は参加者が{k}人ほどで、ほとんどが70代以上でした。',
      '自主防災組織の役員を{k}年務めていますが、後継者がいません。',
      '{t}、避難指示のメールが届いたのは避難したあとでした。',
    ],
  },
  {
    n: w(
      '協働の指針 市民活動 まちづくり協議会 NPO ボランティア 地域の担い手 協働事業提案制度 市民活動センター 町内会 補助金制度 中間支援組織 地域の拠点施設 市民参加の仕組み 活動報告の様式 指針の用語 協働のルール',
    ),
    p: w(
      '内容が抽象的で分かりにくい 市民の役割ばかり強調されている 行政の責任があいまい 若い世代の参加が少ない 事務負担が大きい 情報発信が足りない 用語が難しい 相談窓口が分かりにくい 成果の評価方法が示されていない 団体の声が反映されていない 補助の期間が短すぎる 手続きが年々複雑になっている',
    ),
    r: w(
      '具体的な事例を示してほしい 行政の役割を明記してほしい 活動資金の支援を続けてほしい 若者が参加しやすい仕組みを作ってほしい 手続きを簡素化してほしい ホームページで情報を公開してほしい 用語の説明を付けてほしい 相談窓口を一本化してほしい 評価の方法を示してほしい 団体との意見交換会を開いてほしい 補助の期間を延ばしてほしい 報告書の様式を簡単にしてほしい',
    ),
    why: w(
      '地域の活動が先細りしているので 町内会の加入率が下がっているので ボランティアの負担が大きいので 市民にも分かる言葉で書くべきなので 協働は対等な関係であるべきなので 団体同士の連携が足りないので 役員のなり手がいないので 活動の多くが手弁当なので',
    ),
    exp: [
      '町内会の役員を{k}年続けていますが、若い人が入ってきません。',
      '{t}に市民活動センターで相談しましたが、担当が分からないと言われました。',
      '私たちの団体は会員{k}0人ほどで、子ども食堂を運営しています。',
      '補助金の報告書を作るのに毎年{k}日以上かかっています。',
      '{t}の説明会に参加しましたが、質問の時間がほとんどありませんでした。',
      '指針の素案を{k}回読みましたが、結局何が変わるのか分かりませんでした。',
    ],
  },
  {
    n: w(
      '歩道 通学路 交差点 自転車道 道路の舗装 街灯 横断歩道 側溝 ガードレール 信号機 カーブミラー 踏切 歩道橋 路側帯 市道の白線 生活道路',
    ),
    p: w(
      '幅が狭くて危ない 段差が多い 見通しが悪い 穴があいている 夜は暗い 車がスピードを出す 白線が消えかけている 雨の日に水がたまる 信号の待ち時間が長い 自転車と歩行者がぶつかりそう ふたが外れている 抜け道に使われている',
    ),
    r: w(
      '拡幅してほしい 段差を解消してほしい カーブミラーを設置してほしい 早急に補修してほしい 街灯を増やしてほしい ガードレールを設置してほしい 白線を引き直してほしい 排水を改善してほしい 押しボタン式の信号を付けてほしい 速度規制を強化してほしい 自転車レーンを整備してほしい ゾーン30に指定してほしい',
    ),
    why: w(
      '小学生が毎日通るので 車いすやベビーカーでは通れないので 事故が何度も起きているので 高齢者が転びそうになったので 自転車通学の生徒が多いので 夜に帰宅する人も多いので 近くに病院があるので 通勤の車が多い道なので',
    ),
    exp: [
      '{t}、交差点で子どもが車にひかれそうになりました。',
      '父が歩道の段差でつまずき、{k}週間入院しました。',
      '通学路の見守りを{k}年続けていますが、危ない場面を何度も見ています。',
      '{t}に自転車で走っていて、道路の穴にタイヤを取られました。',
      '朝の{k}時台は抜け道を使う車が多く、歩道のない道を子どもが歩いています。',
      '街灯が{k}本しかなく、夜は足元が見えません。',
    ],
  },
];

const DISTRICTS = w(
  '水島 児島 玉島 真備 庄 茶屋町 中庄 老松 大高 連島 福田 呼松 西阿知 船穂 粒江 下津井 林 藤戸 天城 中島 西坂 酒津 乙島 黒崎',
);
const LANDMARKS = w(
  '駅前 商店街 市民病院の近く 小学校の前 団地 公民館の裏 川沿い 郵便局の角 スーパーの前 中学校の通学路 神社の参道 工業地帯の近く 新興住宅地 旧道沿い 市営住宅 県道沿い',
);
const WHO = w(
  '会社員 主婦 主夫 大学生 高校生 自営業 年金生活者 看護師 教員 パート勤務 介護職 農家 保育士 公務員 飲食店経営 医療事務 運送業 エンジニア 民生委員 町内会長',
);
const FAMILY = [
  '小学{g}年生の息子',
  '小学{g}年生の娘',
  '{a}歳になる母',
  '{a}歳の父',
  '要介護{g}の義母',
  '保育園に通う{g}歳の子',
  '中学生と高校生の子ども',
  '車いすを使う夫',
  '妊娠中の妻',
  '障がいのある弟',
  '双子の{g}歳児',
  '一人暮らしの祖母',
  '認知症の祖父',
  '小さな孫たち',
  '高校受験を控えた娘',
  '犬2匹',
];
const CITIES = w('岡山市 総社市 広島市 福山市 姫路市 高松市 松山市 明石市 流山市 浜松市 金沢市 長野市');
const TIMES = [
  '先週の{dow}曜日',
  '先月の{dow}曜日',
  '{mo}月の雨の日',
  '朝{h}時ごろ',
  '夕方{h2}時過ぎ',
  '夜{h3}時ごろ',
  '去年の{mo}月',
  '今年の{mo}月',
  'おととい',
  '昨日の夕方',
  '{mo}月の連休中',
  '平日の昼間',
];
const DOW = w('月 火 水 木 金 土 日');
const FEEL = w(
  'と感じています と思います のが現状です ことに困っています と以前から感じていました という声をよく聞きます と家族も言っています のが気になっています',
);
const ADVERBS = ['', '', 'ぜひ', 'どうか', '早急に', 'できれば', '前向きに', 'せめて', '少しでも'];
const CLOSERS = [
  '',
  '',
  '',
  'よろしくお願いします。',
  'ご検討ください。',
  '以上、意見として提出します。',
  '期待しています。',
  '前向きな対応をお願いします。',
  'よろしくお願いいたします。',
  '市の考えを聞かせてください。',
  '長文失礼しました。',
];
const PRIORITY = w(
  '後回しにできない問題 優先して取り組むべき課題 市民の安全に関わる問題 何年も前から言われてきたこと 誰にとっても身近な問題',
);
const SOURCE = w(
  '近所の人 職場の同僚 ママ友 町内会の仲間 同じ団地の人 子どもの友だちの親 病院の待合室で会った人',
);

/** How a writer phrases requests ("…てほしい" rewritten), chosen once per comment. */
const REQUEST_STYLES = [
  'てほしい',
  'てほしいです',
  'ていただきたいです',
  'てください',
  'てもらえないでしょうか',
  'てほしいと思います',
];

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)] as T;
}

function int(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** Expand `{a|b|c}` alternatives (used by the paraphrase scripts). */
function expand(rng: Rng, s: string): string {
  let prev = '';
  let x = s;
  while (x !== prev) {
    prev = x;
    x = x.replace(/\{([^{}]*\|[^{}]*)\}/g, (_, alts: string) => pick(rng, alts.split('|')));
  }
  return x;
}

interface Writer {
  style: string;
  place: string;
  district: string;
}

function time(rng: Rng): string {
  return pick(rng, TIMES)
    .replace('{dow}', pick(rng, DOW))
    .replace('{mo}', String(int(rng, 1, 12)))
    .replace('{h}', String(int(rng, 5, 9)))
    .replace('{h2}', String(int(rng, 4, 6)))
    .replace('{h3}', String(int(rng, 8, 11)));
}

function family(rng: Rng): string {
  return pick(rng, FAMILY)
    .replace('{g}', String(int(rng, 1, 6)))
    .replace('{a}', String(int(rng, 68, 96)));
}

function request(rng: Rng, wr: Writer, t: Topic): string {
  const r = pick(rng, t.r);
  return r.endsWith('てほしい') ? r.slice(0, -4) + wr.style : r;
}

function age(rng: Rng): string {
  return rng() < 0.5 ? `${int(rng, 2, 8)}0代` : `${int(rng, 19, 89)}歳`;
}

/** Frames that carry a personal detail (place, time, family, years): used for one-line comments. */
const RICH_FRAMES = [0, 2, 3, 5, 10, 12, 13, 17];

function organicSentence(rng: Rng, t: Topic, wr: Writer, rich = false): string {
  const n = pick(rng, t.n);
  const p = pick(rng, t.p);
  switch (rich ? pick(rng, RICH_FRAMES) : Math.floor(rng() * 20)) {
    case 0:
      return `${wr.place}の${n}は${p}${pick(rng, FEEL)}。`;
    case 1:
      return `${pick(rng, t.why)}、${n}について${pick(rng, ADVERBS)}${request(rng, wr, t)}。`;
    case 2:
      return `${time(rng)}に${n}を利用しましたが、${p}と感じました。`;
    case 3:
      return `${family(rng)}がいるので、${n}が${p}のは本当に困ります。`;
    case 4:
      return `うちは${family(rng)}と暮らしていて、${n}のことは切実です。`;
    case 5:
      return `${wr.district}あたりでは${n}が${p}という話を${pick(rng, SOURCE)}から聞きました。`;
    case 6:
      return `${n}の件ですが、${pick(rng, ADVERBS)}${request(rng, wr, t)}。`;
    case 7:
    case 8:
    case 9:
      return (
        pick(rng, EXP_LEAD) +
        expand(
          rng,
          pick(rng, t.exp)
            .replace('{t}', time(rng))
            .replace(/\{k\}/g, String(int(rng, 2, 9))),
        )
      );
    case 10:
      return `${wr.district}に住んで${int(rng, 2, 45)}年になりますが、${n}は${p}ままです。`;
    case 11:
      return `${n}が${p}ことについて、市はどう考えているのでしょうか。`;
    case 12:
      return `例えば${pick(rng, DISTRICTS)}の${pick(rng, LANDMARKS)}では${n}が${p}ので、${request(rng, wr, t)}。`;
    case 13:
      return `${time(rng)}、${family(rng)}と${wr.place}に行ったとき、${n}が${p}ことに気づきました。`;
    case 14:
      return `${n}は${pick(rng, PRIORITY)}だと思います。`;
    case 15:
      return `${pick(rng, CITIES)}では${n}の取り組みが進んでいると聞きましたので、参考にしてください。`;
    case 16:
      return `${n}と${pick(rng, t.n)}の両方について、${request(rng, wr, t)}。`;
    case 17:
      return `${age(rng)}の${pick(rng, WHO)}で、${family(rng)}と${wr.district}に住んでいます。`;
    case 18:
      return `${pick(rng, t.why)}、${n}が${p}状態は放っておけません。`;
    default:
      return `予算が限られているのは分かりますが、${n}の改善は${pick(rng, PRIORITY)}です。`;
  }
}

/** How a writer leads into an experience of their own. */
const EXP_LEAD = [
  '',
  '',
  '',
  '実は',
  '私自身、',
  'うちでは',
  '正直なところ',
  '実際に',
  '個人的な話ですが、',
  'この前も',
];

/** Sentence count 1–8, most comments 2–4 sentences. */
const LENGTHS = [1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 6, 6, 7, 8];

/** Typos and width variants that real submissions carry. */
function typos(rng: Rng, s: string): string {
  let x = s;
  if (rng() < 0.12) x = x.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  if (rng() < 0.1) x = x.replace(/。/g, '．');
  if (rng() < 0.1) x = x.replace(/、/g, ',');
  if (rng() < 0.1) x = x.replace(/、/g, '');
  if (rng() < 0.15 && x.length > 10) {
    // A dropped or doubled character somewhere.
    const at = int(rng, 1, x.length - 2);
    x = rng() < 0.5 ? x.slice(0, at) + x.slice(at + 1) : x.slice(0, at) + x.charAt(at) + x.slice(at);
  }
  if (rng() < 0.08) x = x.replace(/。(?=.)/, '。\n');
  return x;
}

/** An organic comment: 1–8 sentences on one topic in one writer's voice, with personal details. */
export function organicComment(rng: Rng, topic: number, maxSentences = 8): string {
  const t = TOPICS[topic] as Topic;
  const district = pick(rng, DISTRICTS);
  const wr: Writer = {
    style: pick(rng, REQUEST_STYLES),
    district,
    place: `${district}の${pick(rng, LANDMARKS)}`,
  };
  const k = Math.min(maxSentences, pick(rng, LENGTHS));
  const parts: string[] = [];
  for (let i = 0; i < k; i++) parts.push(organicSentence(rng, t, wr, k === 1));
  return typos(rng, parts.join('') + (k > 1 ? pick(rng, CLOSERS) : ''));
}

/** A labelled synthetic comment: `campaign` is the planted campaign (undefined = organic). */
export interface SyntheticComment extends AnalysisInput {
  campaign?: string;
  topic: number;
}

/**
 * Planted paraphrase scripts: three points, each with several phrasings whose `{a|b}` parts are
 * synonyms. A member restates 2–3 of the points (the stance always) in its own order.
 */
interface Script {
  topic: number;
  points: string[][];
}

const PARAPHRASES: Script[] = [
  {
    topic: 0,
    points: [
      [
        '北部循環バスの廃止に{反対します|反対です|賛成できません}。',
        '北部循環バスを{なくさないでください|廃止しないでください|残してください}。',
        '北部循環バスは{存続させるべきです|続けるべきです|守るべきだと思います}。',
        '北部循環バスの廃止{案|計画}は{撤回してください|見直してください|考え直してください}。',
        '{どうか|ぜひ}北部循環バスの運行を{続けて|維持して}ください。',
      ],
      [
        '{車を運転できない|免許を返納した|運転をやめた}{高齢者|お年寄り}{にとって唯一の|の大切な}{交通手段|移動手段|足}です。',
        '{お年寄り|高齢者}が{通院や買い物|病院やスーパー}に{行けなくなります|通えなくなってしまいます}。',
        '{運転できない|車のない}{高齢者|お年寄り}が{孤立して|家に閉じこもって}しまいます。',
        'バスがなくなると{高齢者|お年寄り}の{生活|暮らし}が成り立ちません。',
      ],
      [
        '{利用者|乗客}が少ないのは{本数|便数}が少ないからです。',
        '{便数|本数}を減らしたから{利用|乗る人}が減っただけです。',
        '{ダイヤ|時刻}が不便なので{利用|乗客}が増えないのです。',
        '{本数|便}を増やせば{利用者|乗る人}は{戻る|増える}はずです。',
      ],
    ],
  },
  {
    topic: 6,
    points: [
      [
        '協働の指針に{市|行政}の責任を{明記して|はっきり書いて|書き込んで}ください。',
        '協働の指針では{市|行政}の責任を{はっきり書くべきです|明確にすべきです}。',
        '協働の指針に{行政|市}の責任が{書かれていない|示されていない}のは問題です。',
        '協働の指針は{市|行政}の責任を{あいまいにしています|ぼかしています}。',
      ],
      [
        '{市民|住民}に{負担|仕事}を{押し付ける|押しつける}ための指針になっています。',
        'このままでは{市民|住民}への{丸投げ|押し付け}です。',
        '{行政|市}の仕事を{市民|住民}に{肩代わりさせる|押しつける}内容に見えます。',
        '{市民|住民}の{善意|好意}に{頼りすぎた|寄りかかった}内容です。',
      ],
      [
        '協働は対等な{関係|立場}で{あるべきです|行うものです}。',
        '{市民|住民}と{市|行政}は対等な{パートナー|協力者}のはずです。',
        '対等な{立場|関係}での協働を{求めます|望みます}。',
        '協働とは{対等な関係|対等な協力}のことだと{思います|考えます}。',
      ],
    ],
  },
  {
    topic: 1,
    points: [
      [
        '中央公園の{樹木|木々|大きな木}の伐採に{反対します|反対です|賛成できません}。',
        '中央公園の{木|樹木}を{切らないでください|伐採しないでください|残してください}。',
        '中央公園の{樹木|木}の伐採計画は{中止すべきです|やめるべきです|見直すべきです}。',
        '中央公園の{木々|樹木}を{守って|残して}ください。',
      ],
      [
        '{夏|真夏}の木陰がなくなり{熱中症|暑さ}が心配です。',
        '木陰は{子ども|子どもたち}や{高齢者|お年寄り}を暑さから守っています。',
        '木がなくなると{夏は|夏場は}暑くて{使えない|誰も来ない}公園になります。',
        '{猛暑|酷暑}の中で木陰は{欠かせません|必要です}。',
      ],
      [
        '{何十年も|長い年月を}かけて育った木は{簡単には戻りません|元に戻せません}。',
        '一度{切った|伐採した}木は{元に戻せません|取り返しがつきません}。',
        '{長年|何十年も}{親しまれてきた|愛されてきた}木を失うのは{残念です|悲しいです}。',
        '{樹齢の長い|古い}木は{地域の財産|まちの宝}です。',
      ],
    ],
  },
];

const IDENTICAL = [
  '市民活動センターの閉館に反対します。存続をお願いします。',
  '第3章の協働の定義に、地域の町内会の役割を明記してください。',
  '東地区への大型商業施設の誘致に賛成です。早期の実現を望みます。',
];

/** Form-letter templates of 3, 4 and 6 sentences. */
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
    text: '避難所の運営マニュアルの見直しを求めます。女性や子ども、障がいのある人の視点が欠けています。更衣室や授乳室の確保を明記してください。プライバシーに配慮した間仕切りを備蓄してください。避難所の運営に女性の役員を加えてください。意見を反映した改訂版を公表してください。',
  },
];

/** Light edits a copier makes: width, punctuation, a dropped 「、」. */
function jitter(rng: Rng, s: string): string {
  const x = rng();
  if (x < 0.15) return s.replace(/。/g, '．');
  if (x < 0.25) return s.replace(/、/g, '');
  if (x < 0.35) return s.replace(/3/g, '３').replace(/です。/, 'です！');
  return s;
}

function shuffle<T>(rng: Rng, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = xs[i] as T;
    xs[i] = xs[j] as T;
    xs[j] = t;
  }
  return xs;
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
  const sizeOf = (x: number): number => Math.max(5, Math.round((planned * x) / totalW));
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
      const own = rng() < 0.7 ? organicComment(rng, f.topic, 4) : '';
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
      const [stance, ...others] = p.points.map((ways) => expand(rng, pick(rng, ways)));
      // The stance and one or both of the other points, in the writer's own order.
      const kept = rng() < 0.6 ? others : [pick(rng, others)];
      const parts =
        rng() < 0.5 ? [stance as string, ...shuffle(rng, kept)] : shuffle(rng, [stance as string, ...kept]);
      const opener = rng() < 0.3 ? `${age(rng)}の${pick(rng, WHO)}です。` : '';
      out.push({
        id: 0,
        text: typos(rng, opener + parts.join('') + pick(rng, CLOSERS)),
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
  // Shuffle (seeded) so campaigns are not contiguous, then number the comments.
  shuffle(rng, out);
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
