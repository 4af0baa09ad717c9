import type { Channel } from '../../../db/schema.ts';
import { ELIGIBILITY, LEGAL_BASIS, submitTo } from './common.ts';
import { people } from './people.ts';
import type { DemoComment, DemoConsultation, DemoPerson } from './types.ts';

/**
 * The closed consultation with a published result: a draft policy on making better use of
 * city parks. Its comments come by every channel, include a campaign of form letters, and are
 * all accounted for (grouped, excluded or hidden).
 */

const FORM_LETTER =
  '子どもたちが思い切りボール遊びのできる公園を残してください。近年、多くの公園に「ボール遊び禁止」の看板が増え、子どもが放課後に体を動かせる場所がなくなっています。方針案の「多様な使い方ができるルールづくり」に、ボール遊びができる場所を各地区に確保することを明記するよう求めます。';

const FORM_LETTER_VARIANT =
  '子どもたちが思いきりボール遊びができる公園を残してください。最近は多くの公園に「ボール遊び禁止」の看板が増え、子どもが放課後に体を動かす場所がなくなっています。方針案の「多様な使い方ができるルールづくり」に、ボール遊びのできる場所を各地区に確保することを明記してください。';

function campaign(
  person: DemoPerson,
  channel: Channel,
  day: number,
  hour: number,
  added = '',
  variant = false,
): DemoComment {
  const letter = variant ? FORM_LETTER_VARIANT : FORM_LETTER;
  return {
    person,
    channel,
    day,
    hour,
    sections: ['rules'],
    body: added ? `${letter}\n\n${added}` : letter,
    group: 'ball',
  };
}

export const kouenHoushin: DemoConsultation = {
  fields: {
    title: '倉敷市 公園の利活用に関する方針（案）',
    summary:
      '市内の公園を、子どもから高齢者まで誰もが使いやすく、地域ににぎわいを生む場所にしていくための方針の案です。利用ルールの考え方、民間事業者との連携、緑の保全、施設の維持管理について定めます。',
    purpose:
      '市内には大小あわせて多くの公園がありますが、施設の老朽化や利用者の減少、利用ルールをめぐる近隣との摩擦などの課題を抱えています。公園をこれからのまちの財産として活かしていくための基本的な方針を定めるにあたり、市民の皆さんのご意見を募集します。',
    department: '公園緑地課',
    contact:
      '倉敷市 建設局 公園緑地課 公園活用係\n電話 086-000-3401（平日 8時30分～17時15分）\nFAX 086-000-3409\nメール kouen@city.example.jp',
    legal_basis: LEGAL_BASIS,
    eligibility: ELIGIBILITY,
    ...submitTo('公園緑地課', '086-000-3409', 'kouen@city.example.jp'),
    require_name: 1,
    require_address: 1,
    require_category: 1,
    allow_anonymous: 0,
  },
  resultNote:
    '提出された意見は、趣旨を損なわない範囲で要約し、同じ趣旨の意見はまとめて掲載しています。個人情報にあたる部分は削除しています。意見募集は賛否を問う投票ではなく、件数ではなく内容に基づいて検討しました。',
  sections: [
    {
      key: 'aim',
      level: 1,
      number: '第1章',
      heading: '方針の目的と位置づけ',
      body_md: `この方針は、市が管理する公園について、これからの利活用の考え方を示すものです。

公園は、遊びや運動、休息の場であるとともに、災害時の避難場所、生き物のすみか、地域の人が出会う場でもあります。この方針では、公園を「整備して終わり」の施設ではなく、市民とともに使いこなし、育てていく場所として捉え直します。

本方針は、市の緑の基本計画を補うものとして位置づけ、計画期間はおおむね10年間とします。`,
    },
    {
      key: 'current',
      level: 1,
      number: '第2章',
      heading: '公園の現状と課題',
      body_md: `市内の公園の多くは、住宅地の開発にあわせて昭和50年代から平成初期に整備されたもので、次のような課題が生じています。

- **施設の老朽化**：遊具、トイレ、照明などの更新時期が一斉に訪れ、維持管理費が増え続けています。
- **利用の偏り**：一部の公園がにぎわう一方で、ほとんど利用されていない小規模な公園もあります。
- **利用ルールをめぐる摩擦**：ボール遊びの音や夜間の騒音などについて近隣から苦情が寄せられ、禁止事項が増えてきました。
- **担い手の高齢化**：清掃や草刈りを担ってきた町内会や老人クラブの高齢化が進んでいます。`,
    },
    {
      key: 'basic',
      level: 1,
      number: '第3章',
      heading: '利活用の基本方針',
      body_md: '課題を踏まえ、次の方針に沿って公園の利活用を進めます。',
    },
    {
      key: 'safe',
      level: 2,
      number: '1',
      heading: '誰もが安心して使える公園',
      body_md: `子ども、高齢者、障がいのある方、子育て中の方など、誰もが安心して使える公園を目指します。

見通しのよい植栽の管理、照明の計画的な更新を進め、防犯に配慮します。出入口の段差解消など、バリアフリー化も順次進めます。`,
    },
    {
      key: 'rules',
      level: 2,
      number: '2',
      heading: '多様な使い方ができるルールづくり',
      body_md: `公園の利用ルールは、「一律に禁止する」ことから、「工夫すれば一緒に使える」ことへと考え方を改めます。

公園の広さや周辺の状況に応じて、時間帯や区域を分けるなどの方法を検討し、できるだけ多様な使い方ができるようにします。`,
      final_body_md: `公園の利用ルールは、「一律に禁止する」ことから、「工夫すれば一緒に使える」ことへと考え方を改めます。

公園の広さや周辺の状況に応じて、時間帯や区域を分けるなどの方法を検討し、できるだけ多様な使い方ができるようにします。

特に、子どもが体を動かして遊べる場所が減っていることを踏まえ、**時間帯や区域を定めてボール遊びができる公園を、各地区に少なくとも1か所確保する**ことを目指します。

利用ルールを定めたり見直したりするときは、近隣の住民、利用者、町内会や関係団体の意見を聴く場を設け、話し合いを通じて決めることを基本とします。決めたルールは、現地の看板とホームページでわかりやすく示します。`,
    },
    {
      key: 'private',
      level: 2,
      number: '3',
      heading: '民間の力を活かした魅力づくり',
      body_md: `公園の魅力を高め、維持管理の財源を確保するため、民間事業者との連携を進めます。

キッチンカーの出店、カフェの設置、マルシェなどのイベント開催について、公募による事業者の選定や、収益の一部を公園の維持管理に還元するしくみを検討します。`,
      final_body_md: `公園の魅力を高め、維持管理の財源を確保するため、民間事業者との連携を進めます。

キッチンカーの出店、カフェの設置、マルシェなどのイベント開催について、公募による事業者の選定や、収益の一部を公園の維持管理に還元するしくみを検討します。

民間事業者との連携にあたっては、公園が誰もが無料で自由に使える場所であることを損なわないよう、次の点を守ります。

- 店舗などが占める面積は、公園ごとに上限を定め、広場や緑地を減らさない。
- 事業者の選定にあたっては、地域の意見を聴き、選定の経過と結果を公表する。
- 事業の収支と公園への還元の状況を、毎年公表する。`,
    },
    {
      key: 'green',
      level: 2,
      number: '4',
      heading: '緑の保全と育成',
      body_md: `公園の樹木は、夏の日差しを和らげ、生き物のすみかとなる大切な財産です。

一方で、大きくなりすぎた樹木による見通しの悪化や、落ち葉、倒木の危険についての相談も増えています。樹木の健康状態を調査したうえで、残すべき木は適切に手入れし、危険な木は植え替えるなど、計画的に管理します。`,
    },
    {
      key: 'info',
      level: 2,
      number: '5',
      heading: 'わかりやすい情報発信',
      body_md: `公園ごとの設備、利用ルール、イベントの予定などを、ホームページや地図アプリで調べられるようにします。

有料施設の予約や、行事での利用の申請についても、手続きの簡素化を進めます。`,
    },
    {
      key: 'support',
      level: 2,
      number: '6',
      heading: '地域と育てる公園',
      body_md: '',
      addedInFinal: true,
      final_body_md: `町内会、市民活動団体、学校、事業者などが、公園の清掃、花壇づくり、見守り、イベントなどに継続して関わることのできる「公園サポーター制度」を設けます。

市は、活動に必要な用具の貸出しや保険への加入、活動の紹介などを通じてサポーターを支えます。活動の内容や頻度は団体の事情にあわせて決めることができ、無理のない範囲での参加を基本とします。`,
    },
    {
      key: 'facilities',
      level: 1,
      number: '第4章',
      heading: '施設の再配置と維持管理',
      body_md: `遊具やトイレなどの施設は、利用状況や地域の年齢構成を踏まえて、公園ごとに役割を分担しながら再配置を検討します。

すべての公園に同じ施設をそろえるのではなく、近くの公園どうしで「遊具が充実した公園」「広場の広い公園」「静かに休める公園」といった特色を持たせることで、限られた予算の中でも地域全体として満足度を高めることを目指します。

施設の点検と修繕は、長寿命化計画に基づいて計画的に行います。`,
    },
    {
      key: 'promotion',
      level: 1,
      number: '第5章',
      heading: '方針の推進と見直し',
      body_md: `この方針に基づく取組は、公園緑地課が中心となり、関係部署や地域と連携して進めます。

取組の状況は毎年公表し、社会情勢の変化や市民の意見を踏まえて、おおむね5年ごとに方針を見直します。`,
    },
  ],
  groups: [
    {
      key: 'ball',
      summary:
        '子どもがボール遊びのできる公園が減っている。各地区にボール遊びのできる場所を確保することを方針に明記してほしい。（同趣旨の定型文による意見を含む）',
      response:
        '子どもが体を動かして遊べる場所が減っていることは、市としても課題と認識しています。ご意見を踏まえ、時間帯や区域を定めてボール遊びができる公園を各地区に少なくとも1か所確保することを目指す旨を、方針に明記しました。具体的な公園の選定にあたっては、近隣の皆さんや利用者のご意見をうかがいながら進めます。',
      outcome: 'revised',
      revisionNote:
        '第3章2に、ボール遊びができる公園を各地区に少なくとも1か所確保することを目指す旨を追記しました。',
      sections: ['rules'],
    },
    {
      key: 'rules',
      summary:
        '利用ルールは市が一方的に決めるのではなく、近隣住民と利用者が話し合って決めるべきである。ルールをわかりやすく表示してほしい。',
      response:
        'ご指摘のとおり、公園の利用ルールは、近隣にお住まいの方と利用される方の双方が納得できるものであることが大切です。ルールを定めたり見直したりする際には、関係する皆さんの意見を聴く場を設けることを方針に明記しました。また、決めたルールは現地の看板とホームページでわかりやすくお知らせします。',
      outcome: 'revised',
      revisionNote:
        '第3章2に、利用ルールを決める際に近隣住民・利用者・関係団体の意見を聴くこと、ルールをわかりやすく表示することを追記しました。',
      sections: ['rules'],
    },
    {
      key: 'private-yes',
      summary: 'キッチンカーやマルシェなど、民間事業者と連携したにぎわいづくりを積極的に進めてほしい。',
      response:
        '民間事業者との連携による魅力づくりについては、案の第3章3でお示ししているとおり、公募による事業者の選定などの方法を検討していきます。いただいたご意見は、今後の具体的な制度設計の参考とさせていただきます。',
      outcome: 'not_revised',
      sections: ['private'],
    },
    {
      key: 'private-no',
      summary:
        '民間の出店が増えると公園が商業化し、誰もが自由に使える場所が狭くなるのではないか。出店の範囲や選定の透明性を確保してほしい。',
      response:
        '公園は、誰もが無料で自由に利用できる公共の空間であり、民間事業者との連携はその性格を損なわない範囲で行うべきものと考えています。ご意見を踏まえ、店舗などが占める面積に上限を設けること、事業者の選定経過と事業の収支を公表することを方針に追記しました。',
      outcome: 'revised',
      revisionNote: '第3章3に、出店面積の上限、選定経過の公表、収支と還元状況の毎年の公表を追記しました。',
      sections: ['private'],
    },
    {
      key: 'green',
      summary: '公園の樹木を安易に伐採しないでほしい。一方で、落ち葉や見通しの悪さへの対策も必要である。',
      response:
        '樹木は公園の大切な財産であり、伐採は安全上やむを得ない場合に限るべきと考えています。案の第3章4のとおり、樹木の健康状態を調査したうえで計画的に管理してまいります。落ち葉の清掃や剪定の時期などについてのご意見は、今後の維持管理の参考とさせていただきます。',
      outcome: 'future_reference',
      sections: ['green'],
    },
    {
      key: 'facilities',
      summary: 'トイレの洋式化、ベンチや日陰の増設、遊具の更新、バリアフリー化を進めてほしい。',
      response:
        '施設の更新やバリアフリー化については、長寿命化計画に基づき、利用状況や安全性を踏まえて優先順位をつけながら進めています。個別の公園に関するご要望は、今後の整備計画を検討する際の参考とさせていただきます。',
      outcome: 'future_reference',
      sections: ['facilities', 'safe'],
    },
    {
      key: 'safety',
      summary: '夜間の照明を増やすなど、防犯対策を強化してほしい。',
      response:
        '防犯への配慮については、案の第3章1で、見通しのよい植栽の管理と照明の計画的な更新を進めることをお示ししています。ご意見の趣旨は案に含まれているものと考えますので、原案のとおりとします。',
      outcome: 'not_revised',
      sections: ['safe'],
    },
    {
      key: 'support',
      summary:
        '地域の団体や住民が公園の管理や活動に関われるしくみをつくってほしい。担い手の負担が重くならない配慮も必要である。',
      response:
        '地域の皆さんが公園に継続して関わっていただけるしくみは、公園を育てていくうえで大切なものと考えます。ご意見を踏まえ、「公園サポーター制度」を設けることを新たに方針に加えました。活動の内容や頻度は各団体の事情にあわせて決められるものとし、用具の貸出しや保険などで市が支えます。',
      outcome: 'revised',
      revisionNote: '第3章に「6 地域と育てる公園」を新たに加えました。',
      sections: ['support'],
    },
    {
      key: 'dogs',
      summary:
        '犬の散歩やドッグランなど、ペットと利用できる場所を設けてほしい。一方で、ふんの放置への対策を求める意見もあった。',
      response:
        'ペットを連れた公園の利用については、飼い主のマナーに関するご意見と、利用できる場所を求めるご意見の両方をいただきました。案の第3章2の考え方に沿って、公園ごとの状況に応じたルールづくりの中で検討してまいりますので、原案のとおりとします。',
      outcome: 'not_revised',
      sections: ['rules'],
    },
    {
      key: 'info',
      summary:
        '公園の設備やイベントの情報をまとめて調べられるようにしてほしい。施設予約をオンラインでできるようにしてほしい。',
      response:
        '公園の情報発信と手続きの簡素化は、案の第3章5でお示ししているとおり取り組んでまいります。オンライン予約の導入時期や方法については、市全体の手続きのオンライン化の取組とあわせて検討しますので、今後の参考とさせていただきます。',
      outcome: 'future_reference',
      sections: ['info'],
    },
    {
      key: 'other',
      summary:
        '公園周辺の道路の補修、市営駐車場の料金、個別の公園の草刈りの時期など、本方針の対象外のご意見。',
      response:
        'いただいたご意見は本方針の対象外の内容ですが、それぞれの担当課にお伝えしました。個別の修繕や草刈りについては、公園緑地課または各支所の窓口でも随時ご相談をお受けしています。',
      outcome: 'out_of_scope',
      sections: [],
    },
  ],
  comments: [
    // The form-letter campaign, with a few personal additions.
    campaign(people.ikeda, 'web', 3, 20),
    campaign(people.hashimoto, 'web', 3, 21, '', true),
    campaign(
      people.hasegawa,
      'web',
      4,
      8,
      '我が家の小学3年生の息子は、近所の公園でサッカーの練習をしていて注意されてから、外で遊ばなくなりました。ボールを蹴れる場所が近くにあれば、と強く思います。',
    ),
    campaign(people.murakami, 'post', 5, 10),
    campaign(people.kondo, 'post', 5, 10, '', true),
    campaign(
      people.ishii,
      'post',
      6,
      11,
      '私自身、子どものころは近所の空き地や公園で毎日野球をしていました。今の子どもにも同じような経験をさせてあげたいです。',
    ),
    campaign(people.saito, 'fax', 6, 15),
    campaign(people.endo, 'fax', 7, 9),
    campaign(people.aoki, 'email', 7, 22, '', true),
    campaign(
      people.sportsClub,
      'in_person',
      8,
      16,
      '当クラブでは、低学年の子どもたちが普段の練習場所に困っています。週末の決まった時間だけでも使える広場があれば、近隣の方にもご迷惑をかけずに済むと考えます。',
    ),
    {
      person: people.miura,
      channel: 'web',
      day: 9,
      hour: 13,
      sections: ['rules'],
      body: '子どもが小さいうちは、ボールが飛んでくると危ないと感じることもあります。ボール遊びの区域と小さい子が遊ぶ区域を分けてもらえると、どちらも安心して使えると思います。',
      group: 'ball',
    },
    {
      person: people.watanabe,
      channel: 'web',
      day: 10,
      hour: 23,
      sections: ['rules', 'current'],
      body: '中高生が放課後にバスケットボールやスケートボードをできる場所がほとんどありません。小さい子向けだけでなく、10代が集まれる公園も考えてほしいです。',
      group: 'ball',
    },
    // Rules decided together.
    {
      person: people.chonaikai,
      channel: 'post',
      day: 2,
      hour: 10,
      sections: ['rules'],
      body: `当町内会の公園では、以前ボール遊びの音をめぐって近隣の方と利用者の間でトラブルがありました。その際、市が一方的に禁止の看板を立てたことで、かえって地域にしこりが残りました。

ルールを決めるときは、町内会、近隣住民、子ども会などが同じテーブルにつく場をつくっていただきたいと思います。`,
      group: 'rules',
    },
    {
      person: people.yoshida,
      channel: 'web',
      day: 4,
      hour: 11,
      sections: ['rules'],
      body: '公園の入口に禁止事項ばかりが並んだ看板があり、何ならしてよいのかわかりません。「できること」を中心に書いた看板にしてほしいです。',
      group: 'rules',
    },
    {
      person: people.sasaki,
      channel: 'email',
      day: 11,
      hour: 21,
      sections: ['rules'],
      body: '公園のすぐ隣に住んでいます。夜遅くまで大声で話す若者がいて困ることがあります。利用ルールを見直す際は、近隣に住む者の意見もしっかり聞いてください。',
      group: 'rules',
    },
    {
      person: people.fujita,
      channel: 'web',
      day: 15,
      hour: 14,
      sections: ['rules'],
      body: 'ルールは一度決めたら終わりではなく、実際に運用してみて問題があれば見直す、という進め方にしてほしい。試行期間を設けるのも良いと思います。',
      group: 'rules',
    },
    {
      person: people.shakyo,
      channel: 'in_person',
      day: 18,
      hour: 14,
      sections: ['rules', 'safe'],
      body: '障がいのある子どもや、その家族が気兼ねなく公園を使えるよう、ルールづくりの話し合いには福祉関係の団体も加えてください。',
      group: 'rules',
    },
    // Private partners: in favour.
    {
      person: people.shotenkai,
      channel: 'web',
      day: 1,
      hour: 16,
      sections: ['private'],
      body: '公園でのマルシェ開催に商店街として協力したいと考えています。出店の手続きをわかりやすく、できれば一つの窓口で済むようにしていただけると、地元の小さな店も参加しやすくなります。',
      group: 'private-yes',
    },
    {
      person: people.tanaka,
      channel: 'web',
      day: 6,
      hour: 12,
      sections: ['private'],
      body: '昼休みに公園でキッチンカーを利用できたらうれしいです。職場の近くの公園は昼間ほとんど人がいないので、にぎわいが生まれると思います。',
      group: 'private-yes',
    },
    {
      person: people.goto,
      channel: 'email',
      day: 13,
      hour: 19,
      sections: ['private'],
      body: '他市では、公園内のカフェの売上の一部で芝生の手入れをしている例があると聞きました。維持管理費が足りないのであれば、こうしたしくみは積極的に取り入れるべきだと思います。',
      group: 'private-yes',
    },
    {
      person: people.kaisha,
      channel: 'fax',
      day: 16,
      hour: 10,
      sections: ['private'],
      body: '弊社は市内で事業を営んでおり、地域貢献の一環として公園の花壇の整備などに協力する用意があります。企業が協賛しやすい制度を設けていただきたい。',
      group: 'private-yes',
    },
    {
      person: people.kato,
      channel: 'web',
      day: 20,
      hour: 22,
      sections: ['private', 'facilities'],
      body: '維持管理費が増え続けるのであれば、民間の資金を活用するのは合理的だと思います。税金だけに頼らない運営を進めてください。',
      group: 'private-yes',
    },
    // Private partners: concerns.
    {
      person: people.kankyoNpo,
      channel: 'post',
      day: 8,
      hour: 10,
      sections: ['private', 'green'],
      body: `民間事業者の出店を進めることで、芝生広場や樹木が店舗や駐車スペースに置き換えられてしまうことを懸念します。

公園はお金を払わなくても誰もが過ごせる数少ない場所です。出店できる面積に上限を設けるなど、歯止めとなる基準を方針に書き込んでください。`,
      group: 'private-no',
    },
    {
      person: people.yamamoto,
      channel: 'web',
      day: 9,
      hour: 9,
      sections: ['private'],
      body: 'カフェができると、飲食をしない人が居づらくなるのではないかと心配です。ベンチや東屋が店の客席のようになってしまわないようにしてください。連絡先：090-0000-3317',
      group: 'private-no',
      redact: ['090-0000-3317'],
    },
    {
      person: people.nishimura,
      channel: 'web',
      day: 12,
      hour: 20,
      sections: ['private'],
      body: '事業者の選定が不透明になることを心配しています。どのような基準で選んだのか、収益がどれだけ公園に還元されたのかを公表してください。',
      group: 'private-no',
    },
    {
      person: people.fukuda,
      channel: 'post',
      day: 17,
      hour: 11,
      sections: ['private'],
      body: 'イベントのたびに広場が使えなくなると、毎朝のラジオ体操ができなくなります。イベントの回数や時間に配慮してほしいです。',
      group: 'private-no',
    },
    {
      person: people.sato,
      channel: 'web',
      day: 19,
      hour: 21,
      sections: ['private'],
      body: 'にぎわいづくりには賛成ですが、公園の本来の目的は市民の憩いの場であることを忘れないでください。出店の範囲にはルールが必要だと思います。',
      group: 'private-no',
    },
    {
      person: people.okamoto,
      channel: 'fax',
      day: 24,
      hour: 15,
      sections: ['private'],
      body: '公園内に店ができると、ごみや騒音、車の出入りが増えるのではないか。周辺住民への影響を事前に説明してほしい。',
      group: 'private-no',
    },
    // Trees and green.
    {
      person: people.kankyoNpo,
      channel: 'post',
      day: 8,
      hour: 10,
      sections: ['green'],
      body: '樹木の伐採は、専門家による健康診断の結果を公表したうえで、やむを得ない場合に限ってください。伐採する場合は、同じ公園内に植え替えることを原則としてください。',
      group: 'green',
    },
    {
      person: people.matsumoto,
      channel: 'web',
      day: 5,
      hour: 15,
      sections: ['green'],
      body: '夏の公園は日陰がなく、子どもを遊ばせるのが危険なほど暑くなります。木を切るのではなく、むしろ増やしてほしいです。',
      group: 'green',
    },
    {
      person: people.hayashi,
      channel: 'post',
      day: 10,
      hour: 10,
      sections: ['green'],
      body: '自宅の前の公園の落ち葉が秋になると大量に飛んできて、雨どいが詰まります。剪定の時期を早めるなど対策をお願いしたい。',
      group: 'green',
    },
    {
      person: people.abe,
      channel: 'web',
      day: 14,
      hour: 7,
      sections: ['green'],
      body: '公園は鳥や昆虫の観察ができる貴重な場所です。草刈りを一斉にするのではなく、一部を残すなど生き物に配慮した管理を検討してください。',
      group: 'green',
    },
    {
      person: people.harada,
      channel: 'email',
      day: 21,
      hour: 12,
      sections: ['green', 'safe'],
      body: '木が茂りすぎて、外から公園の中が見えない場所があります。緑は大切ですが、防犯のための見通しも確保してほしいと思います。',
      group: 'green',
    },
    {
      person: people.yamaguchi,
      channel: 'web',
      day: 26,
      hour: 23,
      sections: ['green'],
      body: '大学で植物のことを学んでいます。樹木の調査に、学生がボランティアとして関われる機会があれば参加したいです。',
      group: 'green',
    },
    // Facilities.
    {
      person: people.takahashi,
      channel: 'web',
      day: 2,
      hour: 9,
      sections: ['facilities'],
      body: '公園のトイレが和式で古く、子どもが使うのを嫌がります。せめて大きな公園だけでも洋式化とおむつ交換台の設置をお願いします。',
      group: 'facilities',
    },
    {
      person: people.ito,
      channel: 'post',
      day: 7,
      hour: 10,
      sections: ['facilities'],
      body: `毎日公園を散歩していますが、途中で休めるベンチが少なく困っています。高齢者が多い地域なので、ベンチを増やしてください。

ご不明な点があれば 086-000-9182 までお電話ください。`,
      group: 'facilities',
      redact: ['086-000-9182'],
    },
    {
      person: people.mori,
      channel: 'web',
      day: 9,
      hour: 16,
      sections: ['facilities'],
      body: '近くの公園どうしで役割を分けるという考えには賛成です。ただ、遊具をなくす公園を決めるときは、実際に使っている親子の意見を聞いてください。',
      group: 'facilities',
    },
    {
      person: people.ishikawa,
      channel: 'fax',
      day: 12,
      hour: 13,
      sections: ['facilities', 'safe'],
      body: '車いすを使っています。公園の入口に車止めの柵があり、車いすでは通れない公園がいくつもあります。出入口の改修を優先して進めてほしいです。',
      group: 'facilities',
    },
    {
      person: people.ogawa,
      channel: 'in_person',
      day: 15,
      hour: 11,
      sections: ['facilities'],
      body: '古い遊具がロープで囲われたまま何年も放置されている公園がある。撤去するのか直すのか、早く決めてほしい。',
      group: 'facilities',
    },
    {
      person: people.okada,
      channel: 'web',
      day: 22,
      hour: 10,
      sections: ['facilities'],
      body: '乳幼児向けの小さな遊具がある公園が近くにありません。再配置を考えるときには、乳幼児と保護者が安心して過ごせる公園も入れてください。',
      group: 'facilities',
    },
    {
      person: people.yamada,
      channel: 'post',
      day: 23,
      hour: 10,
      sections: ['facilities'],
      body: '水飲み場が壊れたままの公園が多い。夏場は熱中症が心配なので、水飲み場の修理を急いでほしい。',
      group: 'facilities',
    },
    // Safety.
    {
      person: people.yoshida,
      channel: 'web',
      day: 4,
      hour: 11,
      sections: ['safe'],
      body: '冬は夕方5時にはもう暗くなり、公園の中がほとんど見えません。照明をLEDに替えて明るくしてほしいです。',
      group: 'safety',
    },
    {
      person: people.matsuda,
      channel: 'web',
      day: 11,
      hour: 22,
      sections: ['safe'],
      body: '夜間に公園を通って帰宅することがありますが、暗くて怖いです。防犯カメラの設置も検討してほしいです。',
      group: 'safety',
    },
    {
      person: people.nakagawa,
      channel: 'post',
      day: 14,
      hour: 10,
      sections: ['safe'],
      body: '子どもの見守り活動をしています。公園に防犯ブザーのような非常通報装置があると安心だと思います。',
      group: 'safety',
    },
    {
      person: people.suzuki,
      channel: 'web',
      day: 25,
      hour: 6,
      sections: ['safe'],
      body: '早朝に散歩する人も多いので、照明は夜だけでなく早朝の時間帯にも配慮してください。',
      group: 'safety',
    },
    // Community support (led to the new section).
    {
      person: people.chonaikai,
      channel: 'post',
      day: 2,
      hour: 10,
      sections: ['current'],
      body: '町内会で月に一度公園の清掃をしていますが、参加者の多くが70代以上です。若い世代や企業にも参加してもらえるような、市の仕組みがほしいと思います。',
      group: 'support',
    },
    {
      person: people.shakyo,
      channel: 'in_person',
      day: 18,
      hour: 14,
      sections: [],
      body: 'ボランティア団体として、公園の花壇づくりを続けてきました。活動に使う道具や保険を市で用意していただけると、新しい人を誘いやすくなります。',
      group: 'support',
    },
    {
      person: people.kobayashi,
      channel: 'email',
      day: 20,
      hour: 21,
      sections: [],
      body: '公園を「市が管理するもの」ではなく「地域で育てるもの」にしていく、という考え方に共感します。方針の中に、住民が関わる仕組みをはっきり書いてほしいです。',
      group: 'support',
    },
    {
      person: people.npoKodomo,
      channel: 'web',
      day: 22,
      hour: 15,
      sections: ['promotion'],
      body: '子どもたち自身が公園の使い方を話し合い、提案できる機会をつくってはどうでしょうか。子どもの意見を聞くことは、公園の担い手を育てることにもつながると思います。',
      group: 'support',
    },
    {
      person: people.sakamoto,
      channel: 'fax',
      day: 27,
      hour: 14,
      sections: [],
      body: '公園の清掃を担ってきた地域の団体に対し、負担ばかりが増えることのないよう配慮してほしい。関わり方は団体ごとに選べるようにすべきだ。',
      group: 'support',
    },
    // Dogs.
    {
      person: people.kimura,
      channel: 'web',
      day: 3,
      hour: 20,
      sections: ['rules'],
      body: '市内にドッグランがほとんどありません。広い公園の一角に、フェンスで囲ったドッグランをつくってほしいです。',
      group: 'dogs',
    },
    {
      person: people.inoue,
      channel: 'post',
      day: 9,
      hour: 10,
      sections: ['rules'],
      body: '犬のふんを放置する飼い主がいて困っています。ペットを連れて入れる公園を増やすのであれば、マナーの啓発と取締りを強化してください。',
      group: 'dogs',
    },
    {
      person: people.shimizu,
      channel: 'email',
      day: 16,
      hour: 8,
      sections: ['rules'],
      body: '犬の散歩で毎日公園を使っています。リードをつけていれば入れるということを、看板ではっきり示してほしいです。',
      group: 'dogs',
    },
    {
      person: people.yamazaki,
      channel: 'web',
      day: 28,
      hour: 19,
      sections: ['rules'],
      body: '子どもが犬を怖がるので、ペットを連れて入れる区域と入れない区域を分けてもらえると助かります。',
      group: 'dogs',
    },
    // Information and booking.
    {
      person: people.sato,
      channel: 'web',
      day: 6,
      hour: 21,
      sections: ['info'],
      body: 'どの公園にトイレや駐車場があるのか、ネットでまとめて調べられると、子どもを連れて出かけるときに便利です。',
      group: 'info',
    },
    {
      person: people.goto,
      channel: 'web',
      day: 13,
      hour: 19,
      sections: ['info'],
      body: '運動公園のテニスコートの予約が、今も窓口か電話でしかできません。オンラインで空き状況を確認して予約できるようにしてください。',
      group: 'info',
    },
    {
      person: people.nakamura,
      channel: 'email',
      day: 17,
      hour: 22,
      sections: ['info'],
      body: '公園でのイベント情報がばらばらに発信されていて、見逃してしまいます。市のホームページで一覧にしてもらえるとありがたいです。',
      group: 'info',
    },
    {
      person: people.takahashi,
      channel: 'web',
      day: 29,
      hour: 9,
      sections: ['info'],
      body: '公園の遊具が壊れているのを見つけたとき、すぐに写真つきで市に知らせられる仕組みがあるとよいと思います。連絡は086-000-4821にいただいても構いません。',
      group: 'info',
      redact: ['086-000-4821'],
    },
    // Outside the scope of the policy.
    {
      person: people.yamada,
      channel: 'post',
      day: 19,
      hour: 10,
      sections: [],
      body: '公園の前の市道に大きな穴があいていて、自転車で通ると危ない。早く補修してほしい。',
      group: 'other',
    },
    {
      person: people.fujita,
      channel: 'web',
      day: 15,
      hour: 14,
      sections: [],
      body: '運動公園に隣接する市営駐車場の料金が高すぎると思います。公園利用者は無料にしてほしいです。',
      group: 'other',
    },
    {
      person: people.suzuki,
      channel: 'fax',
      day: 25,
      hour: 13,
      sections: [],
      body: '若葉町の児童公園の草が伸びて、ベンチに座れない状態です。草刈りの予定を教えてください。',
      group: 'other',
    },
    {
      person: people.ota,
      channel: 'web',
      day: 30,
      hour: 20,
      sections: [],
      body: '公園の話とは少し違いますが、通学路の歩道が狭くて危ないので、拡幅を検討してほしいです。',
      group: 'other',
    },
    // Sent twice: by post and by FAX. The FAX copy is excluded, with the reason recorded.
    {
      person: people.yamada,
      channel: 'fax',
      day: 23,
      hour: 9,
      sections: ['facilities'],
      body: '水飲み場が壊れたままの公園が多い。夏場は熱中症が心配なので、水飲み場の修理を急いでほしい。',
      excluded:
        '同じ提出者から同じ内容が郵送でも届いたため、重複分として集計から除外しました（郵送分を意見として取り扱っています）。',
    },
    // Hidden by staff, with reasons.
    {
      person: { kind: 'individual', name: '副業 案内', address: '不明', category: 'other' },
      channel: 'web',
      day: 12,
      hour: 3,
      sections: [],
      body: '【簡単副業】スマホだけで月収50万円！ 今すぐ登録→ http://spam.example.com/join 限定30名様',
      hidden: { reason: 'spam', note: '広告の書き込みのため非表示としました。' },
    },
    {
      person: people.aoki,
      channel: 'email',
      day: 20,
      hour: 23,
      sections: [],
      body: '隣の家の犬の鳴き声が毎晩うるさくて眠れません。市から注意してもらえませんか。',
      hidden: {
        reason: 'off_topic',
        note: '本案と関係のない個別のご相談のため非表示とし、担当の窓口をご案内しました。',
      },
    },
  ],
};
