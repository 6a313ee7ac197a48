import { containsTerm, countTerm, inflectsIn } from './terms';

describe('term matching', () => {
  const english = { inflect: true };

  it.each([
    ['dose', 'Take one dose.', 'Space the doses evenly.'],
    ['therapy', 'Therapy helps.', 'Both therapies help.'],
    ['rash', 'A rash may appear.', 'Rashes may appear.'],
    ['virus', 'The virus spreads.', 'Viruses spread.'],
    ['box', 'One box.', 'Two boxes.'],
    ['blood test', 'A blood test.', 'Two blood tests.'],
    ['HIV', 'HIV is treatable.', 'HIVs are rare.'],
  ])('matches %j and its English plural', (term, singular, plural) => {
    expect(containsTerm(singular, term, english)).toBe(true);
    expect(containsTerm(plural, term, english)).toBe(true);
    expect(containsTerm(plural, term)).toBe(false);
  });

  it('inflects only the end of the term and stays whole-word', () => {
    expect(containsTerm('Blood tests are quick.', 'blood test', english)).toBe(true);
    expect(containsTerm('Bloods test it.', 'blood test', english)).toBe(false);
    expect(containsTerm('Dosage matters.', 'dose', english)).toBe(false);
    expect(containsTerm('Dosess.', 'dose', english)).toBe(false);
    expect(containsTerm('Therapys.', 'therapy', english)).toBe(false);
    expect(containsTerm('Days pass.', 'day', english)).toBe(true);
    expect(containsTerm('Daies pass.', 'day', english)).toBe(false);
  });

  it('leaves terms that do not end in a letter as written', () => {
    expect(containsTerm('Take B12s.', 'B12', english)).toBe(false);
    expect(containsTerm('At 8 a.m. daily.', 'a.m.', english)).toBe(true);
    expect(containsTerm('I like C++.', 'C++', english)).toBe(true);
  });

  it('counts every occurrence, singular or plural', () => {
    expect(countTerm('One dose, two doses, three DOSES.', 'dose', english)).toBe(3);
  });

  it('matches the letter case as written when case-sensitive', () => {
    expect(containsTerm('Check the PH of water.', 'pH', { caseSensitive: true })).toBe(false);
    expect(containsTerm('Check the pH of water.', 'pH', { caseSensitive: true })).toBe(true);
    expect(containsTerm('Check the PH of water.', 'pH')).toBe(true);
    const shouting = { caseSensitive: true, inflect: true };
    expect(containsTerm('Two NSAIDS.', 'NSAID', shouting)).toBe(true);
    expect(containsTerm('Two NSAIDs.', 'NSAID', shouting)).toBe(false);
    expect(containsTerm('THERAPIES', 'THERAPY', shouting)).toBe(true);
  });

  it('inflects English sources only', () => {
    expect(inflectsIn('en')).toBe(true);
    expect(inflectsIn('en-GB')).toBe(true);
    expect(inflectsIn('de')).toBe(false);
  });
});
