import { draftIds, readDraft, removeDraft, writeDraft } from './drafts';
import { filterSegments, matchesFilter, parseFilter, writeFilter } from './filters';
import { countSegments, mergeSegments, nextIndexIn, NEEDS_WORK, type Segment } from './segments';

const segment = (over: Partial<Segment>): Segment => ({
  id: 'id',
  position: 0,
  kind: 'paragraph',
  source: 'Take 2 tablets.',
  baseSource: null,
  previousSource: null,
  changeRisk: null,
  target: null,
  state: 'untranslated',
  revision: 0,
  checks: [],
  updatedBy: null,
  updatedAt: null,
  ...over,
});

describe('mergeSegments', () => {
  it("keeps the editor's own newer copy over a page read before it", () => {
    const page = {
      items: [segment({ id: 'a', revision: 1 }), segment({ id: 'b' })],
      nextCursor: null,
    };
    const saved = segment({ id: 'a', revision: 2, target: 'x', state: 'translated' });
    expect(mergeSegments([page], new Map([['a', saved]]))[0]).toBe(saved);
  });

  it("takes the server's copy once it has moved past the patch", () => {
    const fresh = segment({ id: 'a', revision: 5 });
    const patch = segment({ id: 'a', revision: 2 });
    expect(mergeSegments([{ items: [fresh], nextCursor: null }], new Map([['a', patch]]))[0]).toBe(
      fresh,
    );
  });
});

describe('nextIndexIn', () => {
  const list = ['translated', 'untranslated', 'approved', 'fuzzy'].map((state) => ({
    state: state as Segment['state'],
  }));

  it('finds the next segment needing work, wrapping around', () => {
    expect(nextIndexIn(list, 1, NEEDS_WORK)).toBe(3);
    expect(nextIndexIn(list, 3, NEEDS_WORK)).toBe(1);
  });

  it('answers -1 when nothing else needs work', () => {
    expect(nextIndexIn(list, 0, ['rejected'])).toBe(-1);
    expect(nextIndexIn([{ state: 'fuzzy' }], 0, NEEDS_WORK)).toBe(-1);
    expect(nextIndexIn([], 0, NEEDS_WORK)).toBe(-1);
  });
});

describe('filters', () => {
  it('reads and writes the search parameters, ignoring unknown values', () => {
    const filter = parseFilter(
      new URLSearchParams('state=fuzzy,bogus,rejected&risk=clinical&q= Dose &segment=s1'),
    );
    expect(filter).toEqual({ states: ['fuzzy', 'rejected'], risks: ['clinical'], query: 'Dose' });
    const params = writeFilter(new URLSearchParams('segment=s1&q=x'), {
      states: [],
      risks: ['minor'],
      query: '',
    });
    expect(params.toString()).toBe('segment=s1&risk=minor');
  });

  it('matches state, risk and text in source or target, ignoring case and accents', () => {
    const s = segment({ state: 'fuzzy', changeRisk: 'clinical', target: 'Tome dós comprimidos' });
    expect(matchesFilter(s, { states: ['fuzzy'], risks: ['clinical'], query: 'TABLETS' })).toBe(
      true,
    );
    expect(matchesFilter(s, { states: [], risks: [], query: 'dos' })).toBe(true);
    expect(matchesFilter(s, { states: ['approved'], risks: [], query: '' })).toBe(false);
    expect(matchesFilter(s, { states: [], risks: ['minor'], query: '' })).toBe(false);
    expect(matchesFilter(segment({}), { states: [], risks: ['clinical'], query: '' })).toBe(false);
  });

  it('keeps rows that matched since the filter was set', () => {
    const rows = [segment({ id: 'a', state: 'translated' }), segment({ id: 'b' })];
    const filter = { states: ['untranslated' as const], risks: [], query: '' };
    expect(filterSegments(rows, filter).map((s) => s.id)).toEqual(['b']);
    expect(filterSegments(rows, filter, new Set(['a'])).map((s) => s.id)).toEqual(['a', 'b']);
  });

  it('counts states and risks', () => {
    const counts = countSegments([
      segment({ state: 'fuzzy', changeRisk: 'clinical' }),
      segment({ state: 'fuzzy', changeRisk: 'minor' }),
      segment({}),
    ]);
    expect(counts.states).toMatchObject({ fuzzy: 2, untranslated: 1, approved: 0 });
    expect(counts.risks).toEqual({ minor: 1, wording: 0, clinical: 1 });
  });
});

describe('drafts', () => {
  class MemoryStorage implements Storage {
    private map = new Map<string, string>();
    get length() {
      return this.map.size;
    }
    clear() {
      this.map.clear();
    }
    getItem(key: string) {
      return this.map.get(key) ?? null;
    }
    key(index: number) {
      return [...this.map.keys()][index] ?? null;
    }
    removeItem(key: string) {
      this.map.delete(key);
    }
    setItem(key: string, value: string) {
      this.map.set(key, value);
    }
  }
  const scope = { project: 'p', article: 'a/b', locale: 'ar' };

  it('keeps a draft per segment until it is removed', () => {
    const storage = new MemoryStorage();
    writeDraft(storage, scope, 's1', { text: 'مرحبا', revision: 3, savedAt: 1 });
    writeDraft(storage, { ...scope, locale: 'es' }, 's2', {
      text: 'hola',
      revision: 0,
      savedAt: 1,
    });
    expect(readDraft(storage, scope, 's1')).toEqual({ text: 'مرحبا', revision: 3, savedAt: 1 });
    expect(draftIds(storage, scope)).toEqual(['s1']);
    removeDraft(storage, scope, 's1');
    expect(readDraft(storage, scope, 's1')).toBeNull();
    expect(draftIds(storage, scope)).toEqual([]);
  });

  it('ignores a corrupt entry', () => {
    const storage = new MemoryStorage();
    storage.setItem('tms.draft:p/a%2Fb/ar/s1', '{not json');
    expect(readDraft(storage, scope, 's1')).toBeNull();
  });
});
