import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ArticlesService } from '../articles/articles.service';
import { AuthService } from '../auth/auth.service';
import type { Actor } from '../auth/permissions';
import { articlePath, libraryHomePath } from '../reader/paths';
import { APP_CONFIG, AppConfig } from '../config/config';
import { ProjectsService } from '../projects/projects.service';
import { GlossaryService } from '../glossary/glossary.service';
import { PublishingService } from '../publishing/publishing.service';
import { TranslationsService } from '../translations/translations.service';

export const DEMO_PROJECT = 'health-library';
export const DEMO_LOCALES = ['es', 'zh-Hans', 'vi', 'ar'] as const;

/** The demo's glossary: one term the demo translations already use consistently. */
const DEMO_GLOSSARY = {
  term: 'care team',
  note: 'The people who look after the patient. Use the same words everywhere.',
  translations: {
    es: 'equipo de atención médica',
    'zh-Hans': '医疗团队',
    vi: 'nhóm chăm sóc',
    ar: 'فريق الرعاية',
  } satisfies Record<(typeof DEMO_LOCALES)[number], string>,
};

export interface DemoArticle {
  slug: string;
  title: string;
  format: 'markdown' | 'html' | 'text';
  content: string;
  contentV2?: string;
  translations: Record<string, { title: string; segments: Record<string, string> }>;
}

export interface DemoUser {
  email: string;
  password: string;
  role: 'admin' | 'translator' | 'reviewer';
  locale?: string;
}

export interface SeedResult {
  seeded: boolean;
  users: DemoUser[];
  /** Each article's negotiating URL. */
  urls: string[];
  /** The library index's negotiating URL (empty when nothing was seeded). */
  libraryUrl: string;
}

/** The demo articles (src/demo/content/*.json), found from src/ and from dist/src/. */
export function loadDemoArticles(): DemoArticle[] {
  const candidates = [
    join(__dirname, 'content'),
    join(__dirname, '..', '..', '..', 'src', 'demo', 'content'),
  ];
  for (const dir of candidates) {
    try {
      return readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as DemoArticle);
    } catch {
      // try the next location
    }
  }
  throw new Error('demo content not found');
}

const password = (): string => randomBytes(12).toString('base64url');

/**
 * Seeds a multilingual demo on an empty database: project `health-library`, an admin and a
 * translator and a reviewer per demo locale (random passwords, returned once, never logged),
 * four articles translated, reviewed and published through the real services, and one article
 * then updated in English so its translations are stale.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly projects: ProjectsService,
    private readonly articles: ArticlesService,
    private readonly translations: TranslationsService,
    private readonly publishing: PublishingService,
    private readonly glossary: GlossaryService,
  ) {}

  async seedIfEmpty(): Promise<SeedResult> {
    const [{ count }] = await this.dataSource.query<Array<{ count: string }>>(
      `SELECT count(*) FROM projects`,
    );
    if (Number(count) > 0) return { seeded: false, users: [], urls: [], libraryUrl: '' };

    await this.projects.create({
      slug: DEMO_PROJECT,
      name: 'Health Library (demo)',
      sourceLocale: 'en',
      targetLocales: [...DEMO_LOCALES, 'fr'],
    });
    const users: DemoUser[] = [];
    const adminUser = await this.createUser(
      'demo-admin@health-library.example',
      'Demo Admin',
      'admin',
      users,
    );
    const admin = await this.actor(adminUser);
    const people: Record<string, { translator: Actor; reviewer: Actor }> = {};
    for (const locale of DEMO_LOCALES) {
      const t = await this.createUser(
        `translator-${locale.toLowerCase()}@health-library.example`,
        `Translator (${locale})`,
        'translator',
        users,
        locale,
      );
      const r = await this.createUser(
        `reviewer-${locale.toLowerCase()}@health-library.example`,
        `Reviewer (${locale})`,
        'reviewer',
        users,
        locale,
      );
      await this.projects.addMember(DEMO_PROJECT, { userId: t, locale, role: 'translator' });
      await this.projects.addMember(DEMO_PROJECT, { userId: r, locale, role: 'reviewer' });
      people[locale] = { translator: await this.actor(t), reviewer: await this.actor(r) };
    }

    // One agreed term, worded the same way in every demo translation, so segment suggestions
    // have something to show and the GLOSSARY check has something to hold translations to.
    for (const [locale, translation] of Object.entries(DEMO_GLOSSARY.translations)) {
      await this.glossary.create(admin, DEMO_PROJECT, {
        term: DEMO_GLOSSARY.term,
        locale,
        translation,
        note: DEMO_GLOSSARY.note,
      });
    }

    const urls: string[] = [];
    for (const article of loadDemoArticles()) {
      await this.articles.create(admin, DEMO_PROJECT, {
        slug: article.slug,
        title: article.title,
        format: article.format,
        content: article.content,
      });
      const articleId = await this.articleId(article.slug);
      for (const locale of DEMO_LOCALES) {
        const translation = article.translations[locale];
        if (!translation) continue;
        await this.translate(article, locale, translation, people[locale]);
        await this.publishing.publish({ articleId, locale, cause: 'approval' });
      }
      if (article.contentV2) {
        // Publishes the new English version itself, leaving the translations stale.
        await this.articles.updateSource(admin, DEMO_PROJECT, article.slug, {
          content: article.contentV2,
        });
      }
      urls.push(this.config.publicUrl + articlePath(DEMO_PROJECT, article.slug));
    }
    this.logger.log(`demo project ${DEMO_PROJECT} seeded with ${urls.length} articles`);
    const libraryUrl = this.config.publicUrl + libraryHomePath(DEMO_PROJECT);
    return { seeded: true, users, urls, libraryUrl };
  }

  private async translate(
    article: DemoArticle,
    locale: string,
    translation: DemoArticle['translations'][string],
    who: { translator: Actor; reviewer: Actor },
  ): Promise<void> {
    // A sentence an earlier demo article approved already has the memory's draft
    // (pre-translation of new versions): the save names that revision.
    const segments = await this.dataSource.query<
      Array<{ key: string; kind: string; text: string; revision: number }>
    >(
      `SELECT ss.key, ss.kind, ss.text, COALESCE(t.revision, 0) AS revision
         FROM source_segments ss
         JOIN source_versions sv ON sv.id = ss.version_id
         JOIN articles a ON a.id = sv.article_id AND sv.version = a.current_version
         JOIN projects p ON p.id = a.project_id
         LEFT JOIN translations t
           ON t.article_id = a.id AND t.locale = $3 AND t.segment_key = ss.key
        WHERE p.slug = $1 AND a.slug = $2 ORDER BY ss.position`,
      [DEMO_PROJECT, article.slug, locale],
    );
    for (const segment of segments) {
      const target =
        segment.kind === 'title' ? translation.title : translation.segments[segment.text];
      if (target === undefined)
        throw new Error(`demo ${article.slug} ${locale}: no translation for "${segment.text}"`);
      const saved = await this.translations.save(
        who.translator,
        DEMO_PROJECT,
        article.slug,
        locale,
        segment.key,
        {
          target,
          revision: segment.revision,
        },
      );
      if (saved.state !== 'approved')
        await this.translations.review(
          who.reviewer,
          DEMO_PROJECT,
          article.slug,
          locale,
          segment.key,
          {
            decision: 'approve',
            revision: saved.revision,
          },
        );
    }
  }

  private async createUser(
    email: string,
    name: string,
    role: DemoUser['role'],
    users: DemoUser[],
    locale?: string,
  ): Promise<string> {
    const secret = password();
    const user = await this.auth.createUser({
      email,
      name,
      password: secret,
      role: role === 'admin' ? 'admin' : 'member',
    });
    users.push({ email, password: secret, role, ...(locale ? { locale } : {}) });
    return user.id;
  }

  private async actor(userId: string): Promise<Actor> {
    const actor = await this.auth.loadActor(userId);
    if (!actor) throw new Error(`demo user ${userId} not found`);
    return actor;
  }

  private async articleId(slug: string): Promise<string> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT a.id FROM articles a JOIN projects p ON p.id = a.project_id WHERE p.slug = $1 AND a.slug = $2`,
      [DEMO_PROJECT, slug],
    );
    return rows[0].id;
  }
}
