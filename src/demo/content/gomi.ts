import { ELIGIBILITY, LEGAL_BASIS, submitTo } from './common.ts';
import { people } from './people.ts';
import type { DemoConsultation } from './types.ts';

/**
 * The consultation closed a few days ago, whose result staff are still preparing: a few groups
 * exist (some without the city's response yet) and several comments are not grouped.
 */
export const gomiKeikaku: DemoConsultation = {
  fields: {
    title: '倉敷市 ごみ減量・資源化推進計画（案）',
    summary:
      '家庭や事業所から出るごみを減らし、資源として活かすための今後10年間の計画の案です。分別区分の見直し、生ごみの減量、プラスチックの資源化、事業系ごみへの対策などを定めます。',
    purpose:
      'ごみの量は減少傾向にあるものの、焼却施設の更新を控え、一層の減量と資源化が求められています。計画の策定にあたり、日々ごみを出す市民・事業者の皆さんのご意見を募集します。',
    department: '環境政策課',
    contact:
      '倉敷市 環境局 環境政策課 資源循環係\n電話 086-000-4101（平日 8時30分～17時15分）\nFAX 086-000-4109\nメール gomi@city.example.jp',
    legal_basis: LEGAL_BASIS,
    eligibility: ELIGIBILITY,
    ...submitTo('環境政策課', '086-000-4109', 'gomi@city.example.jp'),
    require_name: 1,
    require_address: 1,
    require_category: 1,
    allow_anonymous: 0,
  },
  sections: [
    {
      key: 'aim',
      level: 1,
      number: '第1章',
      heading: '計画の趣旨と期間',
      body_md: `この計画は、ごみの発生をできるだけ抑え、出たものは資源として活かす「循環型のまち」を実現するための取組を定めるものです。

計画期間は、策定の翌年度から10年間とし、5年目に中間の見直しを行います。`,
    },
    {
      key: 'current',
      level: 1,
      number: '第2章',
      heading: 'ごみ処理の現状と課題',
      body_md: `市民一人一日あたりのごみの排出量は、この10年でおよそ1割減りましたが、同じ規模の市と比べるとまだ多い水準にあります。

燃やすごみの約4割を生ごみが占め、その半分近くは水分です。また、資源として出せるはずの紙類やプラスチックが、燃やすごみに混ざって出されている割合も少なくありません。`,
    },
    {
      key: 'goal',
      level: 1,
      number: '第3章',
      heading: '計画の目標',
      body_md: `計画の最終年度までに、次の目標の達成を目指します。

- 市民一人一日あたりの家庭系ごみの排出量を、現在より15%減らす。
- リサイクル率を、現在の約20%から28%に高める。
- 最終処分場に埋め立てる量を、現在より20%減らす。`,
    },
    {
      key: 'sorting',
      level: 2,
      number: '1',
      heading: '分別区分の見直し',
      body_md: `現在「燃やすごみ」として収集している製品プラスチック（プラスチックだけでできた製品）を、容器包装プラスチックとあわせて「プラスチック資源」として収集することを検討します。

分別の変更にあたっては、わかりやすい分別ガイドやアプリを用意し、地域での説明会を開きます。`,
    },
    {
      key: 'food',
      level: 2,
      number: '2',
      heading: '生ごみと食品ロスの削減',
      body_md: `生ごみの「水切り」の徹底を呼びかけるとともに、生ごみ処理機やコンポストの購入費の助成を拡充します。

食品ロスを減らすため、飲食店や小売店と連携した「食べきり協力店」の取組や、家庭で余った食品を必要とする方に届けるフードドライブを進めます。`,
    },
    {
      key: 'business',
      level: 2,
      number: '3',
      heading: '事業系ごみの減量',
      body_md: `一定量以上のごみを出す事業所に対し、減量計画の提出を求めることを検討します。

また、事業系ごみの処理手数料について、処理にかかる費用や近隣の市の状況を踏まえて見直しを検討します。`,
    },
    {
      key: 'fee',
      level: 2,
      number: '4',
      heading: '家庭ごみの有料化の検討',
      body_md: `ごみを減らした人の負担が軽くなる公平なしくみとして、家庭ごみの有料化（指定袋の価格にごみ処理費用の一部を上乗せする方法）について、導入するかどうかを含めて検討します。

検討にあたっては、市民の皆さんへの説明と意見交換を十分に行い、減免などの配慮についてもあわせて検討します。`,
    },
  ],
  groups: [
    {
      key: 'fee-against',
      summary: '家庭ごみの有料化は市民の負担増になるため反対である。不法投棄が増えることも心配である。',
      response:
        '家庭ごみの有料化については、案のとおり、導入するかどうかを含めて検討する段階です。いただいたご意見を踏まえ、負担の程度、減免の考え方、不法投棄対策について、市民の皆さんへの説明と意見交換を重ねたうえで判断します。',
      outcome: 'not_revised',
      sections: ['fee'],
    },
    {
      key: 'plastic',
      summary: '製品プラスチックの分別収集を進めてほしい。あわせて、分別のルールをわかりやすく示してほしい。',
      response: '',
      outcome: null,
      sections: ['sorting'],
    },
    {
      key: 'food',
      summary: '生ごみ処理機の助成の拡充や、フードドライブの拠点の増設を求める。',
      response: '',
      outcome: null,
      sections: ['food'],
    },
  ],
  comments: [
    {
      person: people.hayashi,
      channel: 'post',
      day: 3,
      hour: 10,
      sections: ['fee'],
      body: '年金暮らしの身には、ごみ袋の値上げは大きな負担です。有料化には反対します。',
      group: 'fee-against',
    },
    {
      person: people.inoue,
      channel: 'web',
      day: 4,
      hour: 20,
      sections: ['fee'],
      body: '有料化すると、山道や空き地への不法投棄が増えるのではないでしょうか。他の市の例を調べて、対策を示してから検討してほしいです。',
      group: 'fee-against',
    },
    {
      person: people.fukuda,
      channel: 'fax',
      day: 9,
      hour: 14,
      sections: ['fee'],
      body: '分別をきちんとしている家庭まで負担が増えるのは納得できません。まずは分別の徹底から取り組むべきだと思います。',
      group: 'fee-against',
    },
    {
      person: people.okamoto,
      channel: 'post',
      day: 15,
      hour: 10,
      sections: ['fee'],
      body: '子どもが多い家庭や介護でおむつを使う家庭は、どうしてもごみが多くなります。有料化するのであれば、減免の仕組みを必ず設けてください。',
      group: 'fee-against',
    },
    {
      person: people.shimizu,
      channel: 'web',
      day: 2,
      hour: 21,
      sections: ['sorting'],
      body: 'プラスチックのおもちゃや文房具を燃やすごみに出すたびに、もったいないと感じていました。製品プラスチックの回収に賛成です。',
      group: 'plastic',
    },
    {
      person: people.kaisha,
      channel: 'email',
      day: 6,
      hour: 11,
      sections: ['sorting'],
      body: '再生事業者の立場から申し上げると、汚れたプラスチックが混ざると資源化が難しくなります。分別の変更とあわせて、「軽くすすいで出す」ことの周知を徹底していただきたい。',
      group: 'plastic',
    },
    {
      person: people.watanabe,
      channel: 'web',
      day: 8,
      hour: 23,
      sections: ['sorting'],
      body: '分別のアプリがあると助かります。品目名で検索できて、収集日の通知も来るようなものがいいです。',
      group: 'plastic',
    },
    {
      person: people.kobayashi,
      channel: 'web',
      day: 11,
      hour: 13,
      sections: ['food'],
      body: '生ごみ処理機を買いたいと思っていますが、今の助成額では手が届きません。助成の上限を引き上げてほしいです。',
      group: 'food',
    },
    {
      person: people.npoKodomo,
      channel: 'web',
      day: 14,
      hour: 10,
      sections: ['food'],
      body: '子ども食堂を運営しています。フードドライブで集まった食品を、子ども食堂にも届けていただける仕組みがあるとありがたいです。',
      group: 'food',
    },
    {
      person: people.yamazaki,
      channel: 'in_person',
      day: 16,
      hour: 11,
      sections: ['food'],
      body: 'フードドライブの受付が市役所本庁舎だけなので、支所やスーパーにも回収箱を置いてほしい。',
      group: 'food',
    },
    // Not grouped yet.
    {
      person: people.shotenkai,
      channel: 'web',
      day: 5,
      hour: 17,
      sections: ['business'],
      body: '小規模な商店にとって、減量計画の提出は事務の負担が大きいです。対象となる事業所の規模を明確にし、小規模事業者には簡単な様式を用意してください。',
    },
    {
      person: people.sakamoto,
      channel: 'fax',
      day: 7,
      hour: 9,
      sections: ['business'],
      body: '事業系ごみの手数料を上げるのであれば、段階的に行い、十分な周知期間を設けてほしい。',
    },
    {
      person: people.kankyoNpo,
      channel: 'post',
      day: 10,
      hour: 10,
      sections: ['goal'],
      body: `目標値は達成できるかどうかだけでなく、毎年の進み具合を公表してください。

また、リサイクル率だけでなく、ごみの発生そのものを減らす「リデュース」の目標を立てるべきだと考えます。`,
    },
    {
      person: people.suzuki,
      channel: 'web',
      day: 12,
      hour: 6,
      sections: ['current'],
      body: '集積所にカラスよけのネットが足りず、朝にはごみが散らかっています。計画とは別に、ネットの配布をお願いしたいです。',
    },
    {
      person: people.ishikawa,
      channel: 'email',
      day: 13,
      hour: 15,
      sections: ['sorting'],
      body: '障がいがあり、集積所までごみを運ぶのが難しい人もいます。戸別に収集してもらえる制度を広く知らせてください。',
    },
    {
      person: people.yamaguchi,
      channel: 'web',
      day: 17,
      hour: 22,
      sections: ['sorting', 'food'],
      body: '学生向けの一人暮らしの分別ガイドを、入学の時期に大学で配ってもらえると、分別を覚えやすいと思います。',
    },
    {
      person: people.harada,
      channel: 'web',
      day: 18,
      hour: 12,
      sections: [],
      body: '計画の内容は良いと思いますが、専門用語が多く、最初に読んだときは内容が理解しにくかったです。概要版を作ってほしいです。',
    },
    {
      person: people.chonaikai,
      channel: 'post',
      day: 20,
      hour: 10,
      sections: ['sorting'],
      body: '分別区分を変えるときは、町内会の集まりに市の職員が来て説明してほしい。回覧だけでは高齢の方には伝わりません。',
    },
    {
      person: people.miura,
      channel: 'web',
      day: 22,
      hour: 21,
      sections: ['food'],
      body: '食べきり協力店のステッカーを店頭に貼ってもらえると、選ぶときの目安になります。',
    },
    {
      person: people.ota,
      channel: 'web',
      day: 24,
      hour: 1,
      sections: ['goal'],
      body: '目標の15%削減は、市民一人ひとりが何をすれば達成できるのか、具体的な例で示してもらえると取り組みやすいと思います。',
    },
    {
      person: people.mori,
      channel: 'web',
      day: 26,
      hour: 14,
      sections: ['fee'],
      body: '有料化の検討の際は、集めたお金を何に使うのかをはっきりさせてください。使い道が見えれば納得できる人もいると思います。',
    },
    {
      person: people.tanaka,
      channel: 'email',
      day: 27,
      hour: 19,
      sections: ['business'],
      body: 'オフィスの紙ごみのリサイクルを、小さな事業所でも共同で回収できる仕組みがあると助かります。',
    },
    {
      person: people.abe,
      channel: 'fax',
      day: 28,
      hour: 16,
      sections: ['fee'],
      body: '有料化には賛成です。ごみを減らす努力をした人が得をする仕組みは公平だと思います。',
    },
    {
      person: people.nakagawa,
      channel: 'in_person',
      day: 29,
      hour: 10,
      sections: ['current'],
      body: '資源ごみの集団回収をしている子ども会への奨励金を続けてほしい。活動の大事な資金になっています。',
    },
    {
      person: people.sato,
      channel: 'web',
      day: 30,
      hour: 22,
      sections: ['sorting'],
      body: '分別の説明会は平日の昼間だけでなく、夜や土日にも開いてほしいです。オンラインで見られる動画もあると助かります。',
    },
  ],
};
