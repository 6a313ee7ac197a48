import { GlossaryEntry, runChecks } from '../checks';
import { glossaryPrefilter } from './glossary-prefilter';

describe('glossaryPrefilter', () => {
  const entry = (term: string, translation: string, doNotTranslate = false): GlossaryEntry => ({
    term,
    translation,
    doNotTranslate,
  });
  const glossary = [
    entry('acetaminophen', 'paracetamol'),
    entry('Blood pressure', 'tensión arterial'),
    entry('TMS Clinic', 'TMS Clinic', true),
    entry('tablet', 'comprimido'),
    entry('therapy', 'terapia'),
    ...Array.from({ length: 50 }, (_, i) => entry(`unrelated term ${i}`, `otro ${i}`)),
  ];
  const cases: Array<[string, string]> = [
    ['Take acetaminophen with food.', 'Tome acetaminofén con comida.'],
    ['Check your blood  pressure at the {1}TMS Clinic{/1}.', 'Mida su presión en la clínica.'],
    ['Take one Tablet.', 'Tome un comprimido.'],
    ['Take two tablets daily.', 'Tome dos pastillas al día.'],
    ['Rest well.', 'Descanse bien.'],
    ['Two therapies help.', 'Dos tratamientos ayudan.'],
  ];

  it('leaves out only entries that cannot occur, so the checks are the same', () => {
    const entriesIn = glossaryPrefilter(glossary);
    for (const [source, target] of cases) {
      const input = { source, target, sourceLocale: 'en', targetLocale: 'es' };
      expect(entriesIn(source).length).toBeLessThan(5);
      expect(runChecks({ ...input, glossary: entriesIn(source) })).toEqual(
        runChecks({ ...input, glossary }),
      );
    }
  });

  it('keeps every entry whose words all occur in the source', () => {
    const entriesIn = glossaryPrefilter(glossary);
    expect(
      entriesIn('Your BLOOD PRESSURE and an acetaminophen tablet.').map((e) => e.term),
    ).toEqual(['acetaminophen', 'Blood pressure', 'tablet']);
  });
});
