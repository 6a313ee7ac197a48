import {
  infiniteQueryOptions,
  queryOptions,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import { api, ok, type Schemas } from '~/api/client';
import { ApiError } from '~/api/errors';
import type { SourceFormat } from './utils/sourceFile';

export type User = Schemas['UserDto'];
export type Locale = Schemas['LocaleDto'];
export type Project = Schemas['ProjectDto'];
export type CreateProject = Schemas['CreateProjectDto'];
export type UpdateProject = Partial<Schemas['UpdateProjectDto']>;
export type Member = Schemas['MemberDto'];
export type Article = Schemas['ArticleDto'];
export type Progress = Schemas['ProgressDto'];
export type Publication = Schemas['PublicationDto'];
export type VersionSummary = Schemas['VersionSummaryDto'];
export type Webhook = Schemas['WebhookDto'];
export type CreateWebhook = Schemas['CreateWebhookDto'];
export type Delivery = Schemas['DeliveryDto'];
export type FailingJob = Schemas['FailingJobDto'];
export type SourceUpdated = Schemas['SourceUpdatedDto'];
export type WebhookEvent = CreateWebhook['events'][number];

export type UpdateUser = Schemas['UpdateUserDto'];

export type SourcePreview = Schemas['SourcePreviewDto'];

export interface SourceInput {
  content: string;
  title?: string;
  format?: SourceFormat;
  minorChange?: boolean;
}

const articlePath = (project: string, article: string) => ({ project, article });
const localePath = (project: string, article: string, locale: string) => ({
  project,
  article,
  locale,
});

/** Query keys and fetchers of everything the admin screens read. */
export const adminKeys = {
  all: ['admin'] as const,
  users: () =>
    queryOptions({
      queryKey: ['admin', 'users'] as const,
      queryFn: async ({ signal }) => ok(await api.GET('/api/users', { signal })),
    }),
  locales: () =>
    queryOptions({
      queryKey: ['locales'] as const,
      queryFn: async ({ signal }) => ok(await api.GET('/api/locales', { signal })),
      staleTime: Infinity,
    }),
  projects: () =>
    queryOptions({
      queryKey: ['admin', 'projects'] as const,
      queryFn: async ({ signal }) => ok(await api.GET('/api/projects', { signal })),
    }),
  project: (project: string) =>
    queryOptions({
      queryKey: ['admin', 'projects', project] as const,
      queryFn: async ({ signal }) =>
        ok(await api.GET('/api/projects/{project}', { params: { path: { project } }, signal })),
    }),
  members: (project: string) =>
    queryOptions({
      queryKey: ['admin', 'projects', project, 'members'] as const,
      queryFn: async ({ signal }) =>
        ok(
          await api.GET('/api/projects/{project}/members', {
            params: { path: { project } },
            signal,
          }),
        ),
    }),
  articles: (project: string) =>
    infiniteQueryOptions({
      queryKey: ['admin', 'projects', project, 'articles'] as const,
      queryFn: async ({ signal, pageParam }) =>
        ok(
          await api.GET('/api/projects/{project}/articles', {
            params: {
              path: { project },
              query: { limit: 100, ...(pageParam ? { cursor: pageParam } : {}) },
            },
            signal,
          }),
        ),
      initialPageParam: '' as string,
      getNextPageParam: (page) => page.nextCursor ?? undefined,
    }),
  article: (project: string, article: string) =>
    queryOptions({
      queryKey: ['admin', 'projects', project, 'articles', article] as const,
      queryFn: async ({ signal }) =>
        ok(
          await api.GET('/api/projects/{project}/articles/{article}', {
            params: { path: articlePath(project, article) },
            signal,
          }),
        ),
    }),
  versions: (project: string, article: string) =>
    queryOptions({
      queryKey: ['admin', 'projects', project, 'articles', article, 'versions'] as const,
      queryFn: async ({ signal }) =>
        ok(
          await api.GET('/api/projects/{project}/articles/{article}/versions', {
            params: { path: articlePath(project, article) },
            signal,
          }),
        ),
    }),
  version: (project: string, article: string, version: number) =>
    queryOptions({
      queryKey: ['admin', 'projects', project, 'articles', article, 'versions', version] as const,
      queryFn: async ({ signal }) =>
        ok(
          await api.GET('/api/projects/{project}/articles/{article}/versions/{version}', {
            params: { path: { ...articlePath(project, article), version } },
            signal,
          }),
        ),
      staleTime: Infinity, // versions are immutable
    }),
  publications: (project: string, article: string, locale: string) =>
    queryOptions({
      queryKey: [
        'admin',
        'projects',
        project,
        'articles',
        article,
        'publications',
        locale,
      ] as const,
      queryFn: async ({ signal }) =>
        ok(
          await api.GET(
            '/api/projects/{project}/articles/{article}/locales/{locale}/publications',
            { params: { path: localePath(project, article, locale) }, signal },
          ),
        ),
    }),
  webhooks: (project: string) =>
    queryOptions({
      queryKey: ['admin', 'projects', project, 'webhooks'] as const,
      queryFn: async ({ signal }) =>
        ok(
          await api.GET('/api/projects/{project}/webhooks', {
            params: { path: { project } },
            signal,
          }),
        ),
    }),
  deliveries: (project: string, webhook: string) =>
    queryOptions({
      queryKey: ['admin', 'projects', project, 'webhooks', webhook, 'deliveries'] as const,
      queryFn: async ({ signal }) =>
        ok(
          await api.GET('/api/projects/{project}/webhooks/{id}/deliveries', {
            params: { path: { project, id: webhook }, query: { limit: 20 } },
            signal,
          }),
        ),
    }),
  jobs: () =>
    infiniteQueryOptions({
      queryKey: ['admin', 'jobs'] as const,
      queryFn: async ({ signal, pageParam }) =>
        ok(
          await api.GET('/api/admin/jobs', {
            params: { query: { limit: 100, ...(pageParam ? { cursor: pageParam } : {}) } },
            signal,
          }),
        ),
      initialPageParam: '' as string,
      getNextPageParam: (page) => page.nextCursor ?? undefined,
    }),
};

// ---- Users ----

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schemas['CreateUserDto']) =>
      ok(await api.POST('/api/users', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.users().queryKey }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, changes }: { id: string; changes: UpdateUser }) =>
      ok(await api.PATCH('/api/users/{id}', { params: { path: { id } }, body: changes })),
    onSuccess: (user) => {
      client.setQueryData(adminKeys.users().queryKey, (users) =>
        users?.map((u) => (u.id === user.id ? { ...u, ...user } : u)),
      );
      void client.invalidateQueries({ queryKey: adminKeys.users().queryKey });
    },
  });
}

// ---- Projects and members ----

export function useCreateProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateProject) => ok(await api.POST('/api/projects', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.projects().queryKey }),
  });
}

export function useUpdateProject(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: UpdateProject) =>
      ok(
        await api.PATCH('/api/projects/{project}', {
          params: { path: { project } },
          body: body as Schemas['UpdateProjectDto'],
        }),
      ),
    onSuccess: (updated) => {
      client.setQueryData(adminKeys.project(project).queryKey, updated);
      void client.invalidateQueries({ queryKey: adminKeys.projects().queryKey });
      // Home and project pages read the same project under their own keys.
      void client.invalidateQueries({ queryKey: ['projects'] });
    },
  });
}

export function useAddMember(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schemas['AddMemberDto']) =>
      ok(
        await api.POST('/api/projects/{project}/members', {
          params: { path: { project } },
          body,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.members(project).queryKey }),
  });
}

export function useRemoveMember(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ userId, locale }: { userId: string; locale: string }) =>
      ok(
        await api.DELETE('/api/projects/{project}/members/{userId}', {
          params: { path: { project, userId }, query: { locale } },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.members(project).queryKey }),
  });
}

// ---- Articles, source versions, publications ----

export function useCreateArticle(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schemas['CreateArticleDto']) =>
      ok(
        await api.POST('/api/projects/{project}/articles', {
          params: { path: { project } },
          body,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.articles(project).queryKey }),
  });
}

export function usePreviewSource(project: string, article: string) {
  return useMutation({
    mutationFn: async (body: SourceInput): Promise<SourcePreview> =>
      ok(
        await api.POST('/api/projects/{project}/articles/{article}/source/preview', {
          params: { path: articlePath(project, article) },
          body: body as Schemas['UpdateSourceDto'],
        }),
      ),
  });
}

export function useUpdateSource(project: string, article: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: SourceInput) =>
      ok(
        await api.PUT('/api/projects/{project}/articles/{article}/source', {
          params: { path: articlePath(project, article) },
          body: body as Schemas['UpdateSourceDto'],
        }),
      ),
    // Not awaited: the refetched article has a new version, which remounts the form, and the
    // caller's own onSuccess (the status message) must run before that.
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['admin', 'projects', project, 'articles'] });
    },
  });
}

export function usePublish(project: string, article: string, locale: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const result = await api.POST(
        '/api/projects/{project}/articles/{article}/locales/{locale}/publish',
        { params: { path: localePath(project, article, locale) } },
      );
      const data = ok(result) as Schemas['PublishJobDto'] | Schemas['NotPublishedDto'];
      return { status: result.response.status, data };
    },
    onSuccess: ({ status }) => {
      const refresh = () =>
        client.invalidateQueries({ queryKey: ['admin', 'projects', project, 'articles', article] });
      void refresh();
      // 202: a job publishes within seconds; look again once it has had the time.
      if (status === 202) setTimeout(() => void refresh(), 3000);
    },
  });
}

export function useWithdraw(project: string, article: string, locale: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (reason: string) =>
      ok(
        await api.POST('/api/projects/{project}/articles/{article}/locales/{locale}/withdraw', {
          params: { path: localePath(project, article, locale) },
          body: { reason },
        }),
      ),
    onSuccess: () =>
      client.invalidateQueries({
        queryKey: ['admin', 'projects', project, 'articles', article],
      }),
  });
}

// ---- Webhooks ----

export function useCreateWebhook(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateWebhook) =>
      ok(
        await api.POST('/api/projects/{project}/webhooks', {
          params: { path: { project } },
          body,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.webhooks(project).queryKey }),
  });
}

export function useDeleteWebhook(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      ok(
        await api.DELETE('/api/projects/{project}/webhooks/{id}', {
          params: { path: { project, id } },
        }),
      ),
    onSuccess: (_data, id) => {
      // Its deliveries are gone with it: drop them rather than refetch a 404.
      client.removeQueries({ queryKey: adminKeys.deliveries(project, id).queryKey });
      void client.invalidateQueries({ queryKey: adminKeys.webhooks(project).queryKey });
    },
  });
}

export function useRedeliver(project: string, webhook: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (deliveryId: string) =>
      ok(
        await api.POST('/api/projects/{project}/webhooks/{id}/deliveries/{deliveryId}/redeliver', {
          params: { path: { project, id: webhook, deliveryId } },
        }),
      ),
    onSuccess: () =>
      client.invalidateQueries({ queryKey: adminKeys.deliveries(project, webhook).queryKey }),
  });
}

// ---- Jobs ----

export function useRetryJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      ok(await api.POST('/api/admin/jobs/{id}/retry', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.jobs().queryKey }),
  });
}

// ---- Glossary ----

export type GlossaryTerm = Schemas['GlossaryTermDto'];
export type CreateGlossaryTerm = Schemas['CreateGlossaryTermDto'];
export type UpdateGlossaryTerm = Schemas['UpdateGlossaryTermDto'];
export type GlossaryImport = Schemas['GlossaryImportResultDto'];

export const glossaryKeys = {
  list: (project: string, locale: string) =>
    queryOptions({
      queryKey: ['admin', 'projects', project, 'glossary', locale] as const,
      queryFn: async ({ signal }) =>
        ok(
          await api.GET('/api/projects/{project}/glossary', {
            params: { path: { project }, query: locale ? { locale } : {} },
            signal,
          }),
        ),
    }),
};

const glossaryAll = (project: string) => ['admin', 'projects', project, 'glossary'] as const;

export function useCreateGlossaryTerm(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateGlossaryTerm) =>
      ok(
        await api.POST('/api/projects/{project}/glossary', {
          params: { path: { project } },
          body,
        }),
      ) as GlossaryTerm,
    onSuccess: () => client.invalidateQueries({ queryKey: glossaryAll(project) }),
  });
}

export function useUpdateGlossaryTerm(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, changes }: { id: string; changes: UpdateGlossaryTerm }) =>
      ok(
        await api.PATCH('/api/projects/{project}/glossary/{id}', {
          params: { path: { project, id } },
          body: changes,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: glossaryAll(project) }),
  });
}

export function useDeleteGlossaryTerm(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      ok(
        await api.DELETE('/api/projects/{project}/glossary/{id}', {
          params: { path: { project, id } },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: glossaryAll(project) }),
  });
}

/** The glossary as CSV text, fetched with the token (a plain link would carry none). */
export async function fetchGlossaryCsv(project: string): Promise<string> {
  const result = await api.GET('/api/projects/{project}/glossary', {
    params: { path: { project }, query: { format: 'csv' } },
    parseAs: 'text',
  });
  return ok(result) as unknown as string;
}

export function useImportGlossary(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (csv: string) =>
      ok(
        await api.POST('/api/projects/{project}/glossary', {
          params: { path: { project }, query: { format: 'csv' } },
          body: csv,
          bodySerializer: (b: unknown) => b as string,
          headers: { 'Content-Type': 'text/csv' },
        }),
      ) as GlossaryImport,
    onSuccess: () => client.invalidateQueries({ queryKey: glossaryAll(project) }),
  });
}

// ---- Machine translation ----

export type MtConfig = Schemas['MtConfigDto'];
export type PutMtConfig = Schemas['PutMtConfigDto'];

export const mtKeys = {
  config: (project: string) =>
    queryOptions({
      queryKey: ['admin', 'projects', project, 'mt'] as const,
      // 404: no provider configured, which is a state, not an error.
      queryFn: async ({ signal }): Promise<MtConfig | null> => {
        try {
          return ok(
            await api.GET('/api/projects/{project}/mt', { params: { path: { project } }, signal }),
          );
        } catch (error) {
          if (error instanceof ApiError && error.status === 404) return null;
          throw error;
        }
      },
    }),
};

export function useSaveMtConfig(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: PutMtConfig) =>
      ok(await api.PUT('/api/projects/{project}/mt', { params: { path: { project } }, body })),
    onSuccess: (config) => client.setQueryData(mtKeys.config(project).queryKey, config),
  });
}

export function useDeleteMtConfig(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      ok(await api.DELETE('/api/projects/{project}/mt', { params: { path: { project } } })),
    onSuccess: () => client.setQueryData(mtKeys.config(project).queryKey, null),
  });
}
