import type { Category } from '../../../db/schema.ts';
import type { DemoPerson } from './types.ts';

/**
 * Invented submitters. The towns (○○町-style names below) are made up for the demo, the
 * phone numbers use the unassigned 000 exchange and the emails the reserved example.jp domain.
 */
const person = (
  name: string,
  address: string,
  category: Category,
  extra: Partial<DemoPerson> = {},
): DemoPerson => ({ kind: 'individual', name, address, category, ...extra });

const organisation = (
  organisationName: string,
  representative: string,
  address: string,
  category: Category,
  extra: Partial<DemoPerson> = {},
): DemoPerson => ({
  kind: 'organisation',
  name: '',
  organisationName,
  representative,
  address,
  category,
  ...extra,
});

export const people = {
  sato: person('佐藤 花子', '倉敷市みどり台二丁目4-7', 'resident', { email: 'hanako.sato@example.jp' }),
  suzuki: person('鈴木 一郎', '倉敷市若葉町1-12-3', 'resident'),
  takahashi: person('高橋 美咲', '倉敷市桜ヶ丘3-5-21', 'resident', { phone: '086-000-4821' }),
  tanaka: person('田中 健太', '岡山市北区架空町8-2', 'worker', { email: 'k.tanaka@example.jp' }),
  ito: person('伊藤 由美', '倉敷市港南町2-9-14', 'resident'),
  watanabe: person('渡辺 翔', '倉敷市東雲町5-3', 'student'),
  yamamoto: person('山本 恵子', '倉敷市みどり台一丁目18-2', 'resident', { phone: '090-0000-3317' }),
  nakamura: person('中村 大輔', '総社市架空台4-4-1', 'worker'),
  kobayashi: person('小林 さくら', '倉敷市あけぼの町7-1-5', 'resident', { email: 'sakura.k@example.jp' }),
  kato: person('加藤 誠', '倉敷市若葉町3-2-8', 'taxpayer'),
  yoshida: person('吉田 陽子', '倉敷市桜ヶ丘1-20-6', 'resident'),
  yamada: person('山田 浩二', '倉敷市港南町4-1-1', 'resident', { phone: '086-000-7710' }),
  sasaki: person('佐々木 晴美', '倉敷市東雲町2-16-9', 'resident'),
  yamaguchi: person('山口 拓也', '倉敷市あけぼの町3-8-2', 'student'),
  matsumoto: person('松本 直子', '倉敷市みどり台三丁目2-11', 'resident'),
  inoue: person('井上 修', '倉敷市若葉町6-6-6', 'resident'),
  kimura: person('木村 千尋', '倉敷市桜ヶ丘5-1-3', 'worker'),
  hayashi: person('林 和夫', '倉敷市港南町1-7-19', 'resident'),
  shimizu: person('清水 美穂', '倉敷市東雲町8-2-4', 'resident', { email: 'miho.s@example.jp' }),
  yamazaki: person('山崎 聡', '倉敷市あけぼの町5-5-10', 'taxpayer'),
  mori: person('森 綾香', '倉敷市みどり台四丁目9-1', 'resident'),
  abe: person('阿部 隆', '倉敷市若葉町2-14-7', 'resident'),
  ikeda: person('池田 里美', '倉敷市桜ヶ丘2-3-3', 'resident'),
  hashimoto: person('橋本 悠', '倉敷市港南町6-11-2', 'student'),
  ishikawa: person('石川 典子', '倉敷市東雲町4-4-12', 'resident'),
  ogawa: person('小川 進', '倉敷市あけぼの町1-9-8', 'other'),
  okada: person('岡田 真理', '倉敷市みどり台二丁目15-3', 'resident'),
  goto: person('後藤 勇気', '倉敷市若葉町4-3-1', 'worker'),
  hasegawa: person('長谷川 恵', '倉敷市桜ヶ丘4-8-10', 'resident'),
  murakami: person('村上 正樹', '倉敷市港南町3-3-3', 'resident'),
  kondo: person('近藤 早苗', '倉敷市東雲町1-1-17', 'resident'),
  ishii: person('石井 亮', '倉敷市あけぼの町6-2-2', 'resident'),
  saito: person('斎藤 かおり', '倉敷市みどり台一丁目6-6', 'resident'),
  sakamoto: person('坂本 剛', '倉敷市若葉町5-10-4', 'stakeholder'),
  endo: person('遠藤 明美', '倉敷市桜ヶ丘6-2-9', 'resident'),
  aoki: person('青木 俊介', '倉敷市港南町5-6-1', 'resident'),
  fujita: person('藤田 洋子', '倉敷市東雲町6-9-3', 'resident'),
  nishimura: person('西村 淳', '倉敷市あけぼの町2-12-6', 'resident'),
  fukuda: person('福田 和子', '倉敷市みどり台三丁目7-8', 'resident'),
  ota: person('太田 航', '倉敷市若葉町7-1-2', 'student'),
  miura: person('三浦 陽菜', '倉敷市桜ヶ丘3-11-4', 'resident'),
  okamoto: person('岡本 清', '倉敷市港南町2-2-20', 'resident'),
  matsuda: person('松田 彩', '倉敷市東雲町3-7-7', 'resident'),
  nakagawa: person('中川 武', '倉敷市あけぼの町4-4-4', 'resident'),
  harada: person('原田 優子', '倉敷市みどり台四丁目1-15', 'resident'),
  // Organisations.
  npoKodomo: organisation(
    'NPO法人 架空こども育ちネット',
    '理事長 大野 恵美',
    '倉敷市若葉町2-1-1',
    'business',
    {
      email: 'info@kodomo-net.example.jp',
    },
  ),
  chonaikai: organisation('みどり台第二町内会', '会長 前田 幸男', '倉敷市みどり台二丁目1-1', 'stakeholder'),
  shotenkai: organisation('港南町商店街振興組合', '理事長 小野 義明', '倉敷市港南町1-1-1', 'business', {
    phone: '086-000-5500',
  }),
  kankyoNpo: organisation(
    'くらしの環境を考える会（架空）',
    '代表 三好 直美',
    '倉敷市東雲町2-2-2',
    'stakeholder',
  ),
  kaisha: organisation('株式会社 架空リサイクル', '代表取締役 川口 隆史', '倉敷市あけぼの町9-1', 'business', {
    email: 'soumu@kakuu-recycle.example.jp',
  }),
  shakyo: organisation(
    'あけぼの地区ボランティア連絡会',
    '代表 柴田 和美',
    '倉敷市あけぼの町1-1-1',
    'stakeholder',
  ),
  sportsClub: organisation('桜ヶ丘少年サッカークラブ', '代表 宮本 浩', '倉敷市桜ヶ丘1-1-1', 'stakeholder'),
} satisfies Record<string, DemoPerson>;
