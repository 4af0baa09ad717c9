import { describe, expect, it } from 'vitest';
import {
  applyRedactions,
  decodeSpan,
  detectPersonalData,
  encodeSpan,
  findManualSpans,
} from '../../src/domain/redaction.ts';

/** The detected pieces of text with their kinds. */
const found = (text: string) => detectPersonalData(text).map((s) => [s.kind, text.slice(s.start, s.end)]);

describe("the submitter's own details in the text", () => {
  const submitter = {
    name: '山田 一郎',
    address: '岡山県倉敷市西中新田６４０',
    phone: '086-426-3030',
    email: 'ichiro@example.jp',
    organisationName: '',
    representative: '',
  };
  const mine = (text: string) =>
    detectPersonalData(text, submitter).map((s) => [s.kind, text.slice(s.start, s.end)]);

  it('finds the name with or without the space, in either width', () => {
    expect(mine('私は山田一郎と言います。')).toContainEqual(['name', '山田一郎']);
    expect(mine('山田　一郎より')).toEqual([['name', '山田　一郎']]);
    expect(detectPersonalData('ﾔﾏﾀﾞ ｲﾁﾛｳです', { name: 'ヤマダ イチロウ' }).map((s) => s.kind)).toEqual([
      'name',
    ]);
  });

  it('finds the address, also without the prefecture and with other digits', () => {
    expect(mine('倉敷市西中新田640に住む者です')).toEqual([['address', '倉敷市西中新田640']]);
    expect(mine('岡山県倉敷市西中新田６４０より')).toEqual([['address', '岡山県倉敷市西中新田６４０']]);
  });

  it('finds the phone number written another way', () => {
    expect(mine('連絡は０８６ ４２６ ３０３０まで')).toEqual([['phone', '０８６ ４２６ ３０３０']]);
    expect(mine('ICHIRO@EXAMPLE.JP に')).toEqual([['email', 'ICHIRO@EXAMPLE.JP']]);
  });

  it('reads a run of 100,000 letters in one pass (the email pattern rescanned it from every letter)', () => {
    const text = `${'a'.repeat(100_000)} 連絡は a@example.jp へ`;
    expect(detectPersonalData(text, submitter).map((s) => s.kind)).toEqual(['email']);
  }, 20_000);

  it('ignores details too short to be told from ordinary words', () => {
    expect(detectPersonalData('山の話です', { name: '山' })).toEqual([]);
  });
});

describe('personal data detection', () => {
  it('finds phone numbers with hyphens, brackets, full-width digits and +81', () => {
    expect(found('連絡先は086-426-3030です。')).toEqual([['phone', '086-426-3030']]);
    expect(found('携帯090-1234-5678まで')).toEqual([['phone', '090-1234-5678']]);
    expect(found('電話０８６－４２６－３０３０')).toEqual([['phone', '０８６－４２６－３０３０']]);
    expect(found('TEL 086(426)3030')).toEqual([['phone', '086(426)3030']]);
    expect(found('海外から+81-86-426-3030へ')).toEqual([['phone', '+81-86-426-3030']]);
    expect(found('番号は09012345678です')).toEqual([['phone', '09012345678']]);
  });

  it('does not take dates, years or amounts for phone numbers', () => {
    expect(found('2026-11-20に説明会、予算は1,200万円、第3章の2について')).toEqual([]);
  });

  it('finds email addresses, also with a full-width at sign', () => {
    expect(found('返信は taro.yamada@example.jp へ')).toEqual([['email', 'taro.yamada@example.jp']]);
    expect(found('taro＠example.com')).toEqual([['email', 'taro＠example.com']]);
  });

  it('finds postal codes with and without 〒', () => {
    expect(found('〒710-8565 に送ります')).toEqual([['postal', '〒710-8565']]);
    expect(found('郵便番号710-8565')).toEqual([['postal', '710-8565']]);
  });

  it('finds street addresses in Kurashiki and with a prefecture', () => {
    expect(found('住所は倉敷市西中新田640番地です。')).toEqual([['address', '倉敷市西中新田640番地']]);
    expect(found('倉敷市水島青葉町1丁目2番3号に住んでいます')).toEqual([
      ['address', '倉敷市水島青葉町1丁目2番3号'],
    ]);
    expect(found('倉敷市笹沖1-2-3の者です')).toEqual([['address', '倉敷市笹沖1-2-3']]);
    expect(found('岡山県倉敷市西中新田640、')).toEqual([['address', '岡山県倉敷市西中新田640']]);
  });

  it('does not take the city name alone for an address', () => {
    expect(found('倉敷市の協働の指針について、第2章に賛成します。')).toEqual([]);
  });

  it('finds names given as 氏名： or 名前: or 私、…は', () => {
    expect(found('氏名：山田太郎\n意見です')).toEqual([['name', '山田太郎']]);
    expect(found('名前: 山田 花子')).toEqual([['name', '山田 花子']]);
    expect(found('私、山田太郎は反対します')).toEqual([['name', '山田太郎']]);
    expect(found('倉敷花子と申します。')).toEqual([['name', '倉敷花子']]);
  });

  it('finds several kinds in one text without overlaps', () => {
    const text = '氏名：山田太郎、〒710-8565 倉敷市西中新田640番地、電話086-426-3030、mail: a@example.jp';
    expect(found(text).map(([k]) => k)).toEqual(['name', 'postal', 'address', 'phone', 'email']);
  });
});

describe('applying redactions', () => {
  it('replaces each span with its kind label and keeps the rest', () => {
    const text = '電話086-426-3030までご連絡ください';
    expect(applyRedactions(text, detectPersonalData(text))).toBe(
      '電話［電話番号のため削除］までご連絡ください',
    );
  });

  it('finds every occurrence of text typed by staff', () => {
    const spans = findManualSpans('田中さんと田中さん', '田中');
    expect(spans).toEqual([
      { start: 0, end: 2, kind: 'manual' },
      { start: 5, end: 7, kind: 'manual' },
    ]);
    expect(applyRedactions('田中さんと田中さん', spans)).toBe(
      '［個人情報のため削除］さんと［個人情報のため削除］さん',
    );
  });

  it('reads back only valid span values', () => {
    expect(decodeSpan(encodeSpan({ start: 1, end: 4, kind: 'phone' }), 10)).toEqual({
      start: 1,
      end: 4,
      kind: 'phone',
    });
    expect(decodeSpan('1:40:phone', 10)).toBeNull();
    expect(decodeSpan('4:1:phone', 10)).toBeNull();
    expect(decodeSpan('1:4:secret', 10)).toBeNull();
  });
});
