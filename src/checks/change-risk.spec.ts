import { classifyChange, explainChange } from './change-risk';

describe('classifyChange', () => {
  it.each([
    ['Take two tablets a day.', 'Take two tablets a day.'],
    ['Take two tablets a day.', 'take two tablets a day'],
    ['Take two tablets a day.', 'Take two tablets a day!'],
    ['Take two  tablets a day.', 'Take two tablets a day.'],
    ['Do not take aspirin.', 'Do NOT take aspirin.'],
    ['Read the {1}leaflet{/1}.', 'Read the leaflet {1/}.'],
    ['Read {1}the leaflet{/1}.', '{1}Read the leaflet.{/1}'],
    ['Use {{braces}} here.', 'Use {braces} here.'],
    ['Take 5 mg.', 'Take 5mg.'],
    ['Take 5 mL.', 'Take 5 ml.'],
    ['Take 2-3 tablets.', 'Take 2–3 tablets.'],
    ['Ask your doctor, nurse or pharmacist.', 'Ask your doctor, nurse, or pharmacist.'],
    ['a well-known side effect', 'a well known side effect'],
  ])('minor: %j → %j', (previous, next) => {
    expect(classifyChange(previous, next)).toBe('minor');
  });

  it.each([
    ['Ask your docter.', 'Ask your doctor.'],
    ['Immunotherapy helps your immune system.', 'Immunotherapy supports your immune system.'],
    ['Talk to your doctor.', 'Speak with your doctor or nurse.'],
    ["Don't take it with food.", 'Do not take it with food.'],
    ['You cannot drive.', "You can't drive."],
    ['Take 2 hours before bed.', 'Take 2 hrs before bed.'],
    ['Take 5 mcg.', 'Take 5 µg.'],
    ['Take aspirin.', 'Take ibuprofen.'],
    ['Your child may feel tired.', 'Your children may feel tired.'],
    ['Store the tablets, e.g. in a drawer.', 'Store the tablets in a drawer.'],
  ])('wording: %j → %j', (previous, next) => {
    expect(classifyChange(previous, next)).toBe('wording');
  });

  it.each([
    // doses and numbers
    ['Take 5 mg.', 'Take 10 mg.'],
    ['Take 2.5 mg.', 'Take 25 mg.'],
    ['Take 1,000 mg.', 'Take 100 mg.'],
    ['Take 5 mg.', 'Take 5 g.'],
    ['Take 5 mg.', 'Take 5 mcg.'],
    ['Take 5 mL.', 'Take 5 mg.'],
    ['Give 10 units of insulin.', 'Give 10 IU of insulin.'],
    ['Take 5 mg.', 'Take 5 mg/kg.'],
    ['It works in 50% of people.', 'It works in 50 people.'],
    ['Take one tablet.', 'Take two tablets.'],
    ['Take a tablet.', 'Take a capsule.'],
    ['Take one dose.', 'Take one double dose.'],
    // frequency and duration
    ['Take it every 6 hours.', 'Take it every 8 hours.'],
    ['Take it once a day.', 'Take it twice a day.'],
    ['Take it 3 times a day.', 'Take it 3 times a week.'],
    ['Take it for 5 days.', 'Take it for 5 weeks.'],
    ['Take it daily.', 'Take it weekly.'],
    ['Take it at 8:30.', 'Take it at 9:30.'],
    // ages and populations
    ['Not for children under 12.', 'Not for children under 6.'],
    ['Not for children under 12.', 'Not for children over 12.'],
    ['Suitable for children aged 2 to 5.', 'Suitable for children aged 2 to 6.'],
    ['Not suitable for children.', 'Not suitable for adults.'],
    ['Safe when breastfeeding.', 'Safe when pregnant.'],
    // negation
    ['Do not take with alcohol.', 'Take with alcohol.'],
    ["Don't drive.", 'Drive.'],
    ['You can drive.', 'You cannot drive.'],
    ['Take with food.', 'Take without food.'],
    ['Avoid grapefruit.', 'Enjoy grapefruit.'],
    ['Stop taking it if you feel sick.', 'Keep taking it if you feel sick.'],
    ['Take it only with water.', 'Take it with water.'],
    ['Never double a dose.', 'Do not double a dose.'],
    ['Do not take it unless told to.', 'Do not take it if told to.'],
    // comparison
    ['Take it before meals.', 'Take it after meals.'],
    ['Take it with meals.', 'Take it before meals.'],
    ['Drink at least 2 litres.', 'Drink 2 litres.'],
    ['Drink at most 2 litres.', 'Drink at least 2 litres.'],
    ['Take up to 4 tablets.', 'Take 4 tablets.'],
    ['Do not exceed the maximum dose.', 'Do not exceed the dose.'],
    ['Your sugar is higher.', 'Your sugar is lower.'],
    ['Temperature above 38 °C.', 'Temperature below 38 °C.'],
    ['Wait until it stops.', 'Wait while it stops.'],
    ['Blood pressure <140/90', 'Blood pressure >140/90'],
    // inline codes do not hide a number change
    ['Take {1}5 mg{/1}.', 'Take {1}50 mg{/1}.'],
  ])('clinical: %j → %j', (previous, next) => {
    expect(classifyChange(previous, next)).toBe('clinical');
  });

  it('treats a glossary term added, removed or swapped as clinical', () => {
    const glossaryTerms = ['aspirin', 'ibuprofen', 'paracetamol'];
    expect(classifyChange('Take aspirin.', 'Take ibuprofen.', { glossaryTerms })).toBe('clinical');
    expect(classifyChange('Take aspirin.', 'Take Aspirin!', { glossaryTerms })).toBe('minor');
    expect(classifyChange('Take it.', 'Take paracetamol.', { glossaryTerms })).toBe('clinical');
    expect(classifyChange('Take aspirinate.', 'Take aspirinates.', { glossaryTerms })).toBe(
      'wording',
    );
  });

  it('matches multi-word glossary terms whole', () => {
    const glossaryTerms = ['immune checkpoint inhibitor'];
    expect(
      classifyChange('An immune checkpoint inhibitor.', 'An immune system booster.', {
        glossaryTerms,
      }),
    ).toBe('clinical');
  });

  it('reads numbers in the given source locale', () => {
    expect(classifyChange('Nehmen Sie 2,5 mg.', 'Nehmen Sie 2.5 mg.', { locale: 'de' })).toBe(
      'minor',
    );
    expect(classifyChange('Nehmen Sie 1.000 mg.', 'Nehmen Sie 1,000 mg.', { locale: 'de' })).toBe(
      'clinical',
    );
  });

  it('does not mistake words that merely end like clinical ones', () => {
    expect(classifyChange('Make notes.', 'Write notes down.')).toBe('wording');
    expect(classifyChange('This does help.', 'This really helps.')).toBe('wording');
  });
});

describe('explainChange', () => {
  it('says why a change is clinical', () => {
    expect(explainChange('Do not take 5 mg.', 'Take 10 mg.').reasons).toEqual([
      'numbers: 5 → 10',
      'negation: "not" removed',
    ]);
  });

  it('gives no reasons for minor and wording changes', () => {
    expect(explainChange('Ask.', 'Please ask.')).toEqual({ risk: 'wording', reasons: [] });
  });
});
