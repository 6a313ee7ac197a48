import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import en from '../../../locales/en/app.json';
import { authKeys, type Me } from '~/modules/auth';
import { localeKeys } from '~/modules/locales';
import { projectKeys } from '~/modules/projects';
import { TaskRow } from '~/modules/home/components/TaskList';
import { ProjectList } from '~/modules/home/components/ProjectList';
import { ArticleCard } from '~/modules/projects/components/ArticleCard';
import { UserMenu } from '~/app/UserMenu';
import { Layout } from '~/app/Layout';
import type { Task } from '~/modules/home/api';
import type { Article, Progress, Project } from '~/modules/projects';

// wouter and openapi-fetch ship ES modules only, which this CommonJS test run cannot load;
// neither matters here: links render as plain anchors under /app, and no request is made.
jest.mock('wouter', () => {
  const react = jest.requireActual<typeof import('react')>('react');
  return {
    Link: ({ href, children, ...rest }: { href: string; children?: unknown }) =>
      react.createElement('a', { ...rest, href: `/app${href}` }, children as never),
    useLocation: () => ['/', () => undefined],
  };
});
jest.mock('~/api/client', () => ({ api: {}, ok: (r: { data: unknown }) => r.data }));
// The app's i18n setup loads locale files through Vite's import.meta.glob; this test brings its own.
jest.mock('~/i18n', () => ({
  ...jest.requireActual('~/i18n/languages'),
  changeInterfaceLanguage: async () => undefined,
  followBrowserLanguage: async () => undefined,
  rememberedInterfaceLanguage: () => null,
}));

/**
 * Every user-controlled string the home, project, settings and shell screens display (titles,
 * names, slugs, emails, task fields, locale names) goes in as an OWASP-style payload and must
 * come out as text: no element, attribute or URL scheme of the payload survives in the markup.
 */
const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '"><script>alert(document.cookie)</script>',
  "'><svg/onload=alert(1)>",
  'javascript:alert(1)',
  '<a href="javascript:alert(1)">x</a>',
  '{{constructor.constructor("alert(1)")()}}',
  '<iframe srcdoc="<script>alert(1)</script>">',
];

/** The elements these screens render; a payload's own element would not be among them. */
const ALLOWED_TAGS = new Set(
  'a bdi button dd div dl dt fieldset h3 header input label legend li main nav p span strong time ul'.split(
    ' ',
  ),
);

/**
 * Reads the markup's real tags (React writes `<` in text as `&lt;` and `"` in attributes as
 * `&quot;`, so every literal `<` starts an element React made) and checks that each is an
 * expected element, has no event-handler attribute, and links only inside the app.
 */
function assertInert(html: string): void {
  const tags = [...html.matchAll(/<([a-zA-Z][\w-]*)([^<>]*)>/g)];
  expect(tags.length).toBeGreaterThan(0);
  for (const [, name, attributes] of tags) {
    expect(ALLOWED_TAGS).toContain(name.toLowerCase());
    const names = [...attributes.matchAll(/\s([^\s="]+)(?:="[^"]*")?/g)].map((m) => m[1]);
    expect(names.filter((a) => /^on/i.test(a))).toEqual([]);
    for (const [, href] of attributes.matchAll(/\shref="([^"]*)"/g)) {
      expect(href).toMatch(/^(\/app\/|#main$)/);
    }
    expect(names.filter((a) => /^(src|srcdoc|formaction|xlink:href)$/i.test(a))).toEqual([]);
    expect(attributes).not.toMatch(/\sstyle="[^"]*url\(/i);
  }
}

beforeAll(() => {
  const store = new Map<string, string>();
  Object.assign(globalThis, {
    localStorage: {
      getItem: (key: string) => store.get(key) ?? null,
      setItem: (key: string, value: string) => store.set(key, value),
      removeItem: (key: string) => store.delete(key),
    },
  });
});

async function setup(payload: string) {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({
    lng: 'en',
    resources: { en: { app: en } },
    ns: ['app'],
    defaultNS: 'app',
    interpolation: { escapeValue: false },
  });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const me: Me = {
    id: 'u1',
    email: `${payload}@example.org`,
    name: payload,
    role: 'member',
    memberships: [{ project: payload, locale: 'es', role: 'reviewer' }],
    interfaceLanguage: null,
  };
  client.setQueryData(authKeys.me().queryKey, me);
  client.setQueryData(localeKeys.all().queryKey, [
    { code: 'es', name: payload, nativeName: payload, direction: 'ltr' as const },
  ]);
  const progress: Progress = {
    locale: 'es',
    total: 3,
    untranslated: 1,
    fuzzy: 1,
    translated: 0,
    rejected: 0,
    approved: 1,
    changeRisk: { minor: 0, wording: 0, clinical: 1 },
    published: { number: 1, sourceVersion: 1, publishedAt: '2026-12-01T00:00:00Z' },
    stale: true,
  };
  const project = {
    slug: payload,
    name: payload,
    sourceLocale: 'en',
    targetLocales: ['es'],
    publishPolicy: 'complete',
    stalePolicy: 'keep',
    requireReview: true,
    dueDays: 7,
    propagateRepeats: false,
    createdAt: '2026-12-01T00:00:00Z',
    progress: [progress],
  } as Project;
  client.setQueryData(projectKeys.list().queryKey, [project]);
  const render = (element: ReactElement) =>
    renderToStaticMarkup(
      createElement(
        QueryClientProvider,
        { client },
        createElement(I18nextProvider, { i18n }, element),
      ),
    );
  return { render, progress, project };
}

describe.each(PAYLOADS)('user text %s', (payload) => {
  it('is text in a task row', async () => {
    const { render } = await setup(payload);
    const task: Task = {
      id: payload,
      type: 'review',
      project: payload,
      article: payload,
      locale: 'es',
      assignee: payload,
      assigneeName: payload,
      remaining: 3,
      remainingWords: 12,
      dueAt: payload,
      overdue: true,
      status: 'open',
      sourceVersion: 1,
      createdAt: payload,
      assignedAt: payload,
      doneAt: null,
    };
    const html = render(createElement(TaskRow, { task, title: payload, projectName: payload }));
    assertInert(html);
    expect(html).toContain('Review');
  });

  it('is text in the project cards', async () => {
    const { render } = await setup(payload);
    const html = render(createElement(ProjectList));
    assertInert(html);
    // The link stays inside the app, the payload escaped into its path.
    expect(html).toMatch(/href="\/app\/projects\/[^"<>]*"/);
  });

  it('is text in an article card', async () => {
    const { render, progress } = await setup(payload);
    const article: Article = {
      slug: payload,
      title: payload,
      currentVersion: 2,
      segmentCount: 3,
      format: 'markdown',
      updatedAt: payload,
      locales: [progress],
    };
    const html = render(
      createElement(ArticleCard, { project: payload, article, unit: 'segments' }),
    );
    assertInert(html);
    expect(html).toContain('Review');
  });

  it('is text in the shell (name, email)', async () => {
    const { render } = await setup(payload);
    assertInert(render(createElement(UserMenu)));
    assertInert(render(createElement(Layout, null, createElement('p', null, payload))));
  });
});
