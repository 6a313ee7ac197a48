/** Pure helpers of the glossary and machine-translation screens (no React). */

export interface TermLike {
  term: string;
  translation: string;
  note: string | null;
}

/** Entries whose term, translation or note contains `text`, ignoring letter case and accents. */
export function filterTerms<T extends TermLike>(terms: T[], text: string): T[] {
  const needle = fold(text.trim());
  if (!needle) return terms;
  return terms.filter((t) =>
    [t.term, t.translation, t.note ?? ''].some((field) => fold(field).includes(needle)),
  );
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/** A file name for the exported glossary: `<project>-glossary-<yyyy-mm-dd>.csv`. */
export function glossaryFileName(project: string, now: Date): string {
  return `${project}-glossary-${now.toISOString().slice(0, 10)}.csv`;
}

export const MT_PROVIDERS = [
  'deepl',
  'google',
  'microsoft',
  'libretranslate',
  'openai-compatible',
] as const;
export type MtProvider = (typeof MT_PROVIDERS)[number];

export interface MtForm {
  provider: MtProvider;
  endpoint: string;
  apiKey: string;
  model: string;
  region: string;
  locales: string[];
  limit: string;
}

export interface MtBody {
  provider: MtProvider;
  endpoint?: string;
  apiKey?: string;
  model?: string;
  region?: string;
  locales: string[];
  monthlyCharacterLimit: number | null;
}

/**
 * The PUT body from the form: empty fields are left out (an empty key keeps the stored one),
 * model only for openai-compatible, region only for microsoft, an empty limit is no limit.
 */
export function mtBody(form: MtForm): MtBody {
  const body: MtBody = {
    provider: form.provider,
    locales: form.locales,
    monthlyCharacterLimit: form.limit.trim() === '' ? null : Number(form.limit),
  };
  if (form.endpoint.trim()) body.endpoint = form.endpoint.trim();
  if (form.apiKey) body.apiKey = form.apiKey;
  if (form.provider === 'openai-compatible' && form.model.trim()) body.model = form.model.trim();
  if (form.provider === 'microsoft' && form.region.trim()) body.region = form.region.trim();
  return body;
}
