import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useParams } from 'wouter';
import { adminKeys, useCreateArticle } from '../api';
import { isSlug, slugify } from '../utils/slug';
import { titleFromContent } from '../utils/sourceFile';
import { FormError, PageHeader } from './common';
import { emptySource, SourceInput, type SourceValue } from './SourceInput';

/** A new article from pasted text or an uploaded file; the slug follows the title until edited. */
export function ArticleNewPage() {
  const { t } = useTranslation();
  const { project: projectSlug = '' } = useParams<{ project: string }>();
  const project = useQuery(adminKeys.project(projectSlug));
  const create = useCreateArticle(projectSlug);
  const [, navigate] = useLocation();
  const [title, setTitle] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [titleEdited, setTitleEdited] = useState(false);
  const [source, setSource] = useState<SourceValue>(emptySource());
  const sourceLocale = project.data?.sourceLocale ?? 'en';
  const slugInvalid = slug !== '' && !isSlug(slug);

  function changeTitle(value: string) {
    setTitle(value);
    if (!slugEdited) setSlug(slugify(value, 120));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { slug, title, format: source.format, content: source.content },
      {
        onSuccess: (article) =>
          navigate(`/projects/${projectSlug}/articles/${article.slug}?created=1`),
      },
    );
  }

  return (
    <section className="page" aria-labelledby="new-article-title">
      <nav aria-label={t('admin.common.breadcrumbs')} className="admin-breadcrumbs">
        <Link href="/projects">{t('admin.nav.projects')}</Link>
        <Link href={`/projects/${projectSlug}`}>
          <span dir="auto">{project.data?.name ?? projectSlug}</span>
        </Link>
      </nav>
      <PageHeader title={<span id="new-article-title">{t('admin.articles.newTitle')}</span>} />
      <form className="card admin-form admin-wide-form" onSubmit={submit}>
        <div className="admin-form-grid admin-title-grid">
          <label>
            {t('admin.articles.articleTitle')}
            <input
              required
              maxLength={500}
              lang={sourceLocale}
              dir="auto"
              value={title}
              onChange={(e) => {
                setTitleEdited(true);
                changeTitle(e.target.value);
              }}
            />
          </label>
          <label>
            {t('admin.articles.slug')}
            <input
              required
              maxLength={120}
              aria-invalid={slugInvalid || undefined}
              aria-describedby="article-slug-hint"
              value={slug}
              onChange={(e) => {
                setSlugEdited(true);
                setSlug(e.target.value);
              }}
            />
            <span
              id="article-slug-hint"
              className={slugInvalid ? 'admin-hint error-text' : 'admin-hint'}
            >
              {t('admin.common.slugHint')}
            </span>
          </label>
        </div>
        <SourceInput
          value={source}
          onChange={setSource}
          sourceLocale={sourceLocale}
          onFileTitle={(content, format) => {
            const suggested = titleFromContent(content, format);
            if (suggested && (!titleEdited || title === '')) changeTitle(suggested);
          }}
        />
        <FormError error={create.error} />
        <div className="actions">
          <button
            type="submit"
            className="primary"
            disabled={create.isPending || slugInvalid || !source.content.trim()}
          >
            {create.isPending ? t('admin.common.saving') : t('admin.articles.create')}
          </button>
          <Link href={`/projects/${projectSlug}`}>{t('common.cancel')}</Link>
        </div>
      </form>
    </section>
  );
}
