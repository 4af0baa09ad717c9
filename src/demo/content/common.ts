/**
 * Wording shared by the demo consultations: who may comment and how to submit. The addresses,
 * numbers and emails are invented (○○町, the 000 exchange, example.jp).
 */
export const ELIGIBILITY =
  '市内に住所を有する方、市内に通勤・通学している方、市内に事務所または事業所を有する個人・法人その他の団体、市に納税義務を有する方、本案に利害関係を有する個人・団体';

export const LEGAL_BASIS =
  '倉敷市パブリックコメント手続要綱（市の基本的な計画や条例などを定める際の意見募集の手続）';

export function submitTo(department: string, fax: string, email: string) {
  return {
    submit_postal_address: `〒710-0000 倉敷市○○町1-1 倉敷市役所 ${department} あて`,
    submit_fax: fax,
    submit_email: email,
    submit_counter: `倉敷市役所本庁舎 ${department} 窓口、または各支所の市民サービス窓口（土・日・祝日を除く 8時30分～17時15分）`,
  };
}
