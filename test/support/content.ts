import { unique } from './factories';
import { Http } from './http';

export interface SegmentItem {
  id: string;
  position: number;
  kind: string;
  source: string;
  baseSource: string | null;
  previousSource: string | null;
  changeRisk: string | null;
  target: string | null;
  state: string;
  revision: number;
  checks: Array<{ code: string; severity: 'error' | 'warning' }>;
  repeats: number;
}

export const ARTICLE_MD = [
  '## What to expect',
  '',
  'Take **2 tablets** with water. Rest for 30 minutes after each dose.',
  '',
  '- Drink fluids.',
  '- Call us at 555-0100 if you feel dizzy.',
].join('\n');

export interface ArticleOverrides {
  slug?: string;
  title?: string;
  format?: 'markdown' | 'html' | 'text';
  content?: string;
}

/** Creates an article (a Markdown ARTICLE_MD under a fresh slug unless told otherwise). */
export async function makeArticle(
  http: Http,
  admin: string,
  project: string,
  overrides: ArticleOverrides = {},
): Promise<{ slug: string; segmentCount: number }> {
  const slug = overrides.slug ?? unique('art');
  const res = await http.post<{ segmentCount: number }>(
    `/api/projects/${project}/articles`,
    { title: 'Taking your medicine', format: 'markdown', content: ARTICLE_MD, ...overrides, slug },
    { token: admin },
  );
  if (res.status !== 201) throw new Error(`create article: ${res.status} ${res.text}`);
  return { slug, segmentCount: res.body.segmentCount };
}

export async function segments(
  http: Http,
  token: string,
  project: string,
  article: string,
  locale: string,
): Promise<SegmentItem[]> {
  const res = await http.get<{ items: SegmentItem[] }>(
    `/api/projects/${project}/articles/${article}/locales/${locale}/segments?limit=500`,
    { token },
  );
  if (res.status !== 200) throw new Error(`segments: ${res.status} ${res.text}`);
  return res.body.items;
}

/**
 * Translates (translator) and approves (reviewer) the segments `pick` selects, with the
 * target `translate(source)` (which must keep codes and numbers).
 */
export async function translateAndApprove(
  http: Http,
  tokens: { translator: string; reviewer: string },
  project: string,
  article: string,
  locale: string,
  translate: (source: string, segment: SegmentItem) => string,
  pick: (segment: SegmentItem) => boolean = () => true,
): Promise<void> {
  const base = `/api/projects/${project}/articles/${article}/locales/${locale}/segments`;
  for (const segment of await segments(http, tokens.translator, project, article, locale)) {
    if (!pick(segment) || segment.state === 'approved') continue;
    const saved = await http.put(
      `${base}/${segment.id}`,
      { target: translate(segment.source, segment), revision: segment.revision },
      { token: tokens.translator },
    );
    if (saved.status !== 200) throw new Error(`save: ${saved.status} ${saved.text}`);
    const reviewed = await http.post(
      `${base}/${segment.id}/review`,
      { decision: 'approve', revision: (saved.body as { revision: number }).revision },
      { token: tokens.reviewer },
    );
    if (reviewed.status !== 200) throw new Error(`review: ${reviewed.status} ${reviewed.text}`);
  }
}
