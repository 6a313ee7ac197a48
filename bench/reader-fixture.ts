import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { ArticlesService } from '../src/articles/articles.service';
import { AuthService } from '../src/auth/auth.service';
import { loadConfig } from '../src/config/config';
import { loadDemoArticles } from '../src/demo/demo-seeder';
import { ProjectsService } from '../src/projects/projects.service';
import { PublishingService } from '../src/publishing/publishing.service';
import { runMigrations } from '../src/startup';
import { BENCH_ADMIN, benchServerEnv, dropDatabase, recreateDatabase } from './support';

/** What the reader benchmarks share: their page and its database. */

/** The page every reader benchmark requests, on the app. */
export const BENCH_PAGE_PATH = '/read/bench/en/page';
/** Markdown length of the bench article: a ~20 KB reader page. */
const BODY_MARKDOWN_CHARS = 15_500;

/**
 * A fresh, migrated database holding the bench article, published in English: the environment
 * to start `reader-server.js app` with, and how to drop the database afterwards.
 */
export async function setUpReaderBench(
  database: string,
  queuePrefix: string,
): Promise<{ env: Record<string, string>; dispose: () => Promise<void> }> {
  const databaseUrl = await recreateDatabase(database);
  try {
    await runMigrations(databaseUrl);
    const env = benchServerEnv(databaseUrl, queuePrefix);
    await publishBenchArticle(env);
    return { env, dispose: () => dropDatabase(database) };
  } catch (error) {
    await dropDatabase(database);
    throw error;
  }
}

async function publishBenchArticle(env: Record<string, string>): Promise<void> {
  const config = loadConfig({ ...process.env, ...env });
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(config, { api: true, worker: false }),
    { logger: ['error'] },
  );
  try {
    const auth = app.get(AuthService);
    await auth.ensureAdmin();
    const [{ id }] = await app
      .get(DataSource)
      .query<Array<{ id: string }>>(`SELECT id FROM users WHERE email = $1`, [BENCH_ADMIN.email]);
    const actor = await auth.loadActor(id);
    if (!actor) throw new Error('no admin');
    await app
      .get(ProjectsService)
      .create({ slug: 'bench', name: 'Bench', sourceLocale: 'en', targetLocales: ['es'] });
    // ~20 KB of page: the demo articles' English one after the other, cycling until the
    // markdown is long enough (the page adds ~5 KB of head, CSS, switcher and footer).
    const demo = loadDemoArticles();
    const sections: string[] = [];
    for (let i = 0, length = 0; length < BODY_MARKDOWN_CHARS; i++) {
      const a = demo[i % demo.length];
      const part = Math.floor(i / demo.length) + 1;
      const section = `## ${a.title}${part > 1 ? ` (${part})` : ''}\n\n${a.content}`;
      sections.push(section);
      length += section.length + 2;
    }
    const content = sections.join('\n\n');
    await app.get(ArticlesService).create(actor, 'bench', {
      slug: 'page',
      title: 'Reader benchmark page',
      format: 'markdown',
      content,
    });
    const [{ articleId }] = await app
      .get(DataSource)
      .query<Array<{ articleId: string }>>(
        `SELECT id AS "articleId" FROM articles WHERE slug = 'page'`,
      );
    await app
      .get(DataSource)
      .transaction((m) => app.get(PublishingService).publishSource(m, articleId));
  } finally {
    await app.close();
  }
}
