import { splitSentences } from './sentences';

/** [locale, input, expected sentences]: cases written for this project, mostly health text. */
const cases: Array<[string, string, string[]]> = [
  // credentials, titles, clinic names
  [
    'en',
    'Dr. Patel will see you at 9 a.m. Bring your insurance card.',
    ['Dr. Patel will see you at 9 a.m.', 'Bring your insurance card.'],
  ],
  [
    'en',
    'Jane Park, M.D., leads the team. She trained in Ohio.',
    ['Jane Park, M.D., leads the team.', 'She trained in Ohio.'],
  ],
  ['en', 'Ask for Sam Lee, R.N. at the front desk.', ['Ask for Sam Lee, R.N. at the front desk.']],
  [
    'en',
    'Our dietitian, Ana Ruiz, Ph.D. She will call you.',
    ['Our dietitian, Ana Ruiz, Ph.D.', 'She will call you.'],
  ],
  [
    'en',
    'Visit St. Mary’s Hospital on Main St. near the park.',
    ['Visit St. Mary’s Hospital on Main St. near the park.'],
  ],
  [
    'en',
    'The clinic is run by Mt. Sinai Health and Prof. Alvarez.',
    ['The clinic is run by Mt. Sinai Health and Prof. Alvarez.'],
  ],
  [
    'en',
    'The test was approved in the U.S. It is not yet used in Canada.',
    ['The test was approved in the U.S.', 'It is not yet used in Canada.'],
  ],
  [
    'en',
    'The U.S. Food and Drug Administration approved it.',
    ['The U.S. Food and Drug Administration approved it.'],
  ],
  ['en', 'Come at 8 a.m. on the day of surgery.', ['Come at 8 a.m. on the day of surgery.']],
  [
    'en',
    'Your appointment ends at 4 p.m. The pharmacy closes at 6.',
    ['Your appointment ends at 4 p.m.', 'The pharmacy closes at 6.'],
  ],
  // doses, units, numbers
  [
    'en',
    'Take 2.5 mg twice a day. Do not exceed 10 mg.',
    ['Take 2.5 mg twice a day.', 'Do not exceed 10 mg.'],
  ],
  ['en', 'Take one 500 mg. tablet with food.', ['Take one 500 mg. tablet with food.']],
  [
    'en',
    'The usual dose is approx. 15 mg per kg. Your doctor may change it.',
    ['The usual dose is approx. 15 mg per kg.', 'Your doctor may change it.'],
  ],
  [
    'en',
    'Drug A vs. Drug B: the trial found no difference.',
    ['Drug A vs. Drug B: the trial found no difference.'],
  ],
  ['en', 'See Fig. 3 and table No. 2 for details.', ['See Fig. 3 and table No. 2 for details.']],
  [
    'en',
    'Avoid some foods, e.g. Grapefruit juice, i.e. Anything bitter.',
    ['Avoid some foods, e.g. Grapefruit juice, i.e. Anything bitter.'],
  ],
  ['en', 'The fee is $12.50. Most plans cover it.', ['The fee is $12.50.', 'Most plans cover it.']],
  ['en', 'Version 2.4.1 of the app adds reminders.', ['Version 2.4.1 of the app adds reminders.']],
  [
    'en',
    'Doors open at 7:30. Visiting ends at 20:00.',
    ['Doors open at 7:30.', 'Visiting ends at 20:00.'],
  ],
  [
    'en',
    'Call 1-800-555-0199. Lines are open 24 hours.',
    ['Call 1-800-555-0199.', 'Lines are open 24 hours.'],
  ],
  [
    'en',
    'Your visit is on Jan. 12 at the main clinic.',
    ['Your visit is on Jan. 12 at the main clinic.'],
  ],
  ['en', 'Read p. 4 of the leaflet.', ['Read p. 4 of the leaflet.']],
  // initials
  [
    'en',
    'The study was led by A. B. Carter in 2019.',
    ['The study was led by A. B. Carter in 2019.'],
  ],
  ['en', 'You need vitamin D. Sunlight helps.', ['You need vitamin D.', 'Sunlight helps.']],
  // URLs and e-mail addresses
  [
    'en',
    'Read more at https://www.example.org/health/flu.html. It is free.',
    ['Read more at https://www.example.org/health/flu.html.', 'It is free.'],
  ],
  [
    'en',
    'Write to care.team@example.org. We answer within a day.',
    ['Write to care.team@example.org.', 'We answer within a day.'],
  ],
  ['en', 'Visit www.example.org/Flu.Shots today.', ['Visit www.example.org/Flu.Shots today.']],
  // punctuation, quotes, brackets, ellipses
  [
    'en',
    'Is it safe? Yes! Most people feel fine.',
    ['Is it safe?', 'Yes!', 'Most people feel fine.'],
  ],
  [
    'en',
    'He said, "Take it with water." Then he left.',
    ['He said, "Take it with water."', 'Then he left.'],
  ],
  [
    'en',
    'Rest (stay in bed if you can.) and drink fluids.',
    ['Rest (stay in bed if you can.) and drink fluids.'],
  ],
  ['en', 'Rest (stay in bed.) Drink fluids.', ['Rest (stay in bed.)', 'Drink fluids.']],
  ['en', 'The pain may come back... or it may not.', ['The pain may come back... or it may not.']],
  [
    'en',
    'The pain may come back... Call us if it does.',
    ['The pain may come back...', 'Call us if it does.'],
  ],
  ['en', 'Wash your hands.Then dry them.', ['Wash your hands.', 'Then dry them.']],
  // lists inside one block
  [
    'en',
    '1. Wash the skin. 2. Apply the cream. 3. Cover it.',
    ['1. Wash the skin.', '2. Apply the cream.', '3. Cover it.'],
  ],
  ['en', 'a) fever b) cough c) sore throat', ['a) fever', 'b) cough', 'c) sore throat']],
  // an inline numbered list after an introduction: each marker stays with its item
  [
    'en',
    'Before the dressing: 1. Wash your hands. 2. Dry them well.',
    ['Before the dressing:', '1. Wash your hands.', '2. Dry them well.'],
  ],
  [
    'en',
    'Follow these steps. 1. Take 5. Then rest. 2. Call us.',
    ['Follow these steps.', '1. Take 5.', 'Then rest.', '2. Call us.'],
  ],
  // a number ending a sentence is not a list; a marker never stands alone
  [
    'en',
    'Take the first item. 2. The second item.',
    ['Take the first item.', '2. The second item.'],
  ],
  ['en', 'Count to 2. 3. Breathe out.', ['Count to 2.', '3. Breathe out.']],
  ['en', 'The rooms are 1. 2. 3.', ['The rooms are 1. 2. 3.']],
  ['en', 'We took 1. Then we rested.', ['We took 1.', 'Then we rested.']],
  ['en', '• rest • fluids • sleep', ['• rest', '• fluids', '• sleep']],
  [
    'en',
    'morning dose\nevening dose\nbedtime dose',
    ['morning dose', 'evening dose', 'bedtime dose'],
  ],
  [
    'en',
    'Take the tablet with a full\nglass of water.',
    ['Take the tablet with a full\nglass of water.'],
  ],
  // other languages
  [
    'es',
    '¿Tiene fiebre? ¡Llame a la Dra. Gómez! Ella le atenderá.',
    ['¿Tiene fiebre?', '¡Llame a la Dra. Gómez!', 'Ella le atenderá.'],
  ],
  [
    'es',
    'Tome aprox. 5 mg al día. El Sr. Ruiz le explicará por qué.',
    ['Tome aprox. 5 mg al día.', 'El Sr. Ruiz le explicará por qué.'],
  ],
  [
    'fr',
    'Mme. Dubois vous recevra. Apportez votre carte vitale.',
    ['Mme. Dubois vous recevra.', 'Apportez votre carte vitale.'],
  ],
  [
    'fr',
    'Prenez 1,5 mg p. ex. le matin. Évitez l’alcool.',
    ['Prenez 1,5 mg p. ex. le matin.', 'Évitez l’alcool.'],
  ],
  [
    'de',
    'Nehmen Sie z. B. Ibuprofen. Fragen Sie Dr. Weber.',
    ['Nehmen Sie z. B. Ibuprofen.', 'Fragen Sie Dr. Weber.'],
  ],
  ['de', 'Der Termin ist am 3. März in der Praxis.', ['Der Termin ist am 3. März in der Praxis.']],
  [
    'pt',
    'A Dra. Silva atende às 9h. Traga seus exames.',
    ['A Dra. Silva atende às 9h.', 'Traga seus exames.'],
  ],
  [
    'it',
    'Il Dott. Rossi riceve il lunedì. Porti la tessera sanitaria.',
    ['Il Dott. Rossi riceve il lunedì.', 'Porti la tessera sanitaria.'],
  ],
  [
    'nl',
    'Neem bijv. paracetamol. Bel dr. Jansen bij koorts.',
    ['Neem bijv. paracetamol.', 'Bel dr. Jansen bij koorts.'],
  ],
  [
    'ru',
    'Принимайте по 5 мг, т.е. одну таблетку. Врач проф. Иванов объяснит.',
    ['Принимайте по 5 мг, т.е. одну таблетку.', 'Врач проф. Иванов объяснит.'],
  ],
  [
    'pl',
    'Weź np. jedną tabletkę. Dr. Nowak to wyjaśni.',
    ['Weź np. jedną tabletkę.', 'Dr. Nowak to wyjaśni.'],
  ],
  [
    'zh',
    '请按时服药。如果发烧，请联系医生！有问题吗？',
    ['请按时服药。', '如果发烧，请联系医生！', '有问题吗？'],
  ],
  [
    'ja',
    '薬は食後に飲んでください。熱がありますか？',
    ['薬は食後に飲んでください。', '熱がありますか？'],
  ],
  [
    'ko',
    '약을 드세요. 열이 있나요? 의사에게 연락하세요.',
    ['약을 드세요.', '열이 있나요?', '의사에게 연락하세요.'],
  ],
  [
    'ar',
    'هل لديك حمى؟ اتصل بالطبيب. خذ الدواء بعد الأكل.',
    ['هل لديك حمى؟', 'اتصل بالطبيب.', 'خذ الدواء بعد الأكل.'],
  ],
  [
    'ar',
    'قال د. أحمد إن الجرعة آمنة. اسأل الصيدلي.',
    ['قال د. أحمد إن الجرعة آمنة.', 'اسأل الصيدلي.'],
  ],
  ['fa', 'آیا تب دارید؟ با پزشک تماس بگیرید.', ['آیا تب دارید؟', 'با پزشک تماس بگیرید.']],
  ['hi', 'दवा खाने के बाद लें। डॉ. शर्मा से पूछें।', ['दवा खाने के बाद लें।', 'डॉ. शर्मा से पूछें।']],
  [
    'vi',
    'BS. Nguyễn sẽ khám cho bạn. Hãy mang theo thẻ bảo hiểm.',
    ['BS. Nguyễn sẽ khám cho bạn.', 'Hãy mang theo thẻ bảo hiểm.'],
  ],
  ['el', 'Έχετε πυρετό; Καλέστε τον γιατρό.', ['Έχετε πυρετό;', 'Καλέστε τον γιατρό.']],
];

describe('splitSentences', () => {
  it.each(cases)('%s: %s', (locale, input, expected) => {
    expect(splitSentences(input, locale)).toEqual(expected);
  });

  it('never splits inside a URL or an e-mail address', () => {
    const text = 'See https://a.example.org/Path.To/File.Name?x=1. Mail Dr.Who@example.org. Done.';
    const sentences = splitSentences(text, 'en');
    expect(sentences.some((s) => s.includes('https://a.example.org/Path.To/File.Name?x=1'))).toBe(
      true,
    );
    expect(sentences.some((s) => s.includes('Dr.Who@example.org'))).toBe(true);
  });

  it('never returns a sentence that is only a list marker', () => {
    const inputs = [
      'The first item. 2. The second item. 3. The third one.',
      'Do this: a. rest. b. drink. c. sleep.',
      'Step one is done. 10. Step ten follows.',
      'Section ii. iv. Then stop.',
      'Wash. 2.',
    ];
    const marker = /^\(?(?:\d{1,3}|[a-z]|[ivx]+)[.)]$/;
    for (const input of inputs) {
      const sentences = splitSentences(input, 'en');
      expect(sentences.filter((s) => marker.test(s))).toEqual([]);
      expect(sentences.join(' ')).toBe(input);
    }
  });

  it('returns nothing for blank text and one sentence for text without terminals', () => {
    expect(splitSentences('   ', 'en')).toEqual([]);
    expect(splitSentences('Call us', 'en')).toEqual(['Call us']);
  });

  it('falls back to generic rules for an unknown locale and accepts region subtags', () => {
    expect(splitSentences('Dr. Lee is here. Come in.', 'xx')).toEqual([
      'Dr. Lee is here.',
      'Come in.',
    ]);
    expect(splitSentences('Dr. Lee is here. Come in.', 'en-GB')).toEqual([
      'Dr. Lee is here.',
      'Come in.',
    ]);
  });
});
