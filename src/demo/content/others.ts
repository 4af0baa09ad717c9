import { ELIGIBILITY, LEGAL_BASIS, submitTo } from './common.ts';
import type { DemoConsultation } from './types.ts';

/** Scheduled: published, opening in a week. A short draft, no comments yet. */
export const kosodateShisetsu: DemoConsultation = {
  fields: {
    title: '倉敷市 子育て支援拠点の配置方針（案）',
    summary:
      '地域子育て支援拠点（親子が気軽に集い、相談できる場所）を、利用しやすい場所にバランスよく配置するための方針の案です。',
    purpose:
      '子育て世帯の住む地域の変化に合わせて、支援拠点の配置を見直します。実際に拠点を利用している方、これから利用する方のご意見をうかがうため、意見を募集します。',
    department: '子育て支援課',
    contact:
      '倉敷市 保健福祉局 子育て支援課 地域支援係\n電話 086-000-5201（平日 8時30分～17時15分）\nFAX 086-000-5209\nメール kosodate@city.example.jp',
    legal_basis: LEGAL_BASIS,
    eligibility: ELIGIBILITY,
    ...submitTo('子育て支援課', '086-000-5209', 'kosodate@city.example.jp'),
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
      heading: '方針の目的',
      body_md:
        '子育て中の親子が、歩いて、またはベビーカーで無理なく通える範囲に支援拠点があるまちを目指し、拠点の配置と役割の考え方を示します。',
    },
    {
      key: 'placement',
      level: 1,
      number: '第2章',
      heading: '配置の考え方',
      body_md: `次の考え方に沿って、拠点の配置を見直します。

- 中学校区ごとに少なくとも1か所の拠点を置くことを目指します。
- 公民館や保育所、商業施設など、既存の施設の活用を優先します。
- 駐車場の有無や公共交通での行きやすさを考慮します。`,
    },
    {
      key: 'roles',
      level: 1,
      number: '第3章',
      heading: '拠点の役割',
      body_md:
        '拠点は、親子の交流の場であるとともに、子育ての相談、地域の子育て情報の提供、子育てサークルの支援などを担います。土曜日の開所や、父親が参加しやすい講座の開催にも取り組みます。',
    },
  ],
  comments: [],
  groups: [],
};

/** Withdrawn (中止) during its period, with a public reason. */
export const chushajo: DemoConsultation = {
  fields: {
    title: '倉敷市 中央駅前市営駐車場の再整備基本計画（案）',
    summary:
      '老朽化した駅前の市営駐車場を、立体駐車場と広場を組み合わせた施設に建て替えるための基本計画の案です。',
    purpose: '駅前の市営駐車場の建替えにあたり、施設の規模や機能についてご意見を募集します。',
    department: '交通政策課',
    contact:
      '倉敷市 建設局 交通政策課 駐車場係\n電話 086-000-6101（平日 8時30分～17時15分）\nFAX 086-000-6109\nメール chusha@city.example.jp',
    legal_basis: LEGAL_BASIS,
    eligibility: ELIGIBILITY,
    ...submitTo('交通政策課', '086-000-6109', 'chusha@city.example.jp'),
  },
  sections: [
    {
      key: 'aim',
      level: 1,
      number: '第1章',
      heading: '再整備の目的',
      body_md:
        '建設から40年以上が経過した駐車場の安全性を確保するとともに、駅前のにぎわいの拠点となる広場を整備することを目的とします。',
    },
    {
      key: 'plan',
      level: 1,
      number: '第2章',
      heading: '施設の概要',
      body_md: `- 収容台数：約300台（現在と同程度）
- 1階の一部に、イベントに使える屋根付きの広場を設けます。
- 自転車駐車場を併設します。`,
    },
  ],
  comments: [],
  groups: [],
};
