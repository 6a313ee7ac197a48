import { Action, Actor, can } from './permissions';

const base = { id: 'u', email: 'u@x', name: 'U' };
const admin: Actor = { ...base, role: 'admin', memberships: [] };
const translatorEs: Actor = {
  ...base,
  role: 'member',
  memberships: [{ projectId: 'p', projectSlug: 'health', locale: 'es', role: 'translator' }],
};
const reviewerEs: Actor = {
  ...base,
  role: 'member',
  memberships: [{ projectId: 'p', projectSlug: 'health', locale: 'es', role: 'reviewer' }],
};
const outsider: Actor = { ...base, role: 'member', memberships: [] };

type Row = [string, Actor, Action, { projectSlug?: string; locale?: string }, boolean];

const es = { projectSlug: 'health', locale: 'es' };
const fr = { projectSlug: 'health', locale: 'fr' };
const other = { projectSlug: 'other', locale: 'es' };

const matrix: Row[] = [
  ['admin manages users', admin, Action.ManageUsers, {}, true],
  ['admin reviews anywhere', admin, Action.ReviewSegment, fr, true],
  ['member cannot manage users', translatorEs, Action.ManageUsers, {}, false],
  ['member cannot manage projects', reviewerEs, Action.ManageProjects, es, false],
  ['member cannot manage articles', reviewerEs, Action.ManageArticles, es, false],
  ['admin manages webhooks', admin, Action.ManageWebhooks, { projectSlug: 'health' }, true],
  ['reviewer cannot manage webhooks', reviewerEs, Action.ManageWebhooks, es, false],
  ['admin manages jobs', admin, Action.ManageJobs, {}, true],
  ['reviewer cannot manage jobs', reviewerEs, Action.ManageJobs, es, false],
  ['admin imports into the memory', admin, Action.ManageMemory, {}, true],
  ['reviewer cannot import into the memory', reviewerEs, Action.ManageMemory, es, false],
  ['member cannot reassign tasks', reviewerEs, Action.ManageTasks, {}, false],
  ['admin manages the glossary', admin, Action.ManageGlossary, { projectSlug: 'health' }, true],
  ['reviewer cannot manage the glossary', reviewerEs, Action.ManageGlossary, es, false],
  ['translator cannot manage the glossary', translatorEs, Action.ManageGlossary, es, false],
  ['outsider cannot manage the glossary', outsider, Action.ManageGlossary, es, false],
  [
    'translator reads the project',
    translatorEs,
    Action.ReadProject,
    { projectSlug: 'health' },
    true,
  ],
  ['translator comments on another locale', translatorEs, Action.Comment, fr, true],
  ['translator translates own locale', translatorEs, Action.TranslateSegment, es, true],
  ['translator cannot translate another locale', translatorEs, Action.TranslateSegment, fr, false],
  ['translator cannot review', translatorEs, Action.ReviewSegment, es, false],
  ['translator cannot publish', translatorEs, Action.PublishLocale, es, false],
  ['reviewer translates own locale', reviewerEs, Action.TranslateSegment, es, true],
  ['reviewer reviews own locale', reviewerEs, Action.ReviewSegment, es, true],
  ['reviewer publishes own locale', reviewerEs, Action.PublishLocale, es, true],
  ['reviewer cannot review another locale', reviewerEs, Action.ReviewSegment, fr, false],
  ['translator cannot withdraw', translatorEs, Action.WithdrawLocale, es, false],
  ['reviewer withdraws own locale', reviewerEs, Action.WithdrawLocale, es, true],
  ['reviewer cannot withdraw another locale', reviewerEs, Action.WithdrawLocale, fr, false],
  [
    'locale match is case-insensitive',
    reviewerEs,
    Action.ReviewSegment,
    { projectSlug: 'health', locale: 'ES' },
    true,
  ],
  ['member of another project reads nothing here', translatorEs, Action.ReadProject, other, false],
  ['outsider reads nothing', outsider, Action.ReadProject, { projectSlug: 'health' }, false],
  ['outsider translates nothing', outsider, Action.TranslateSegment, es, false],
];

describe('can', () => {
  it.each(matrix)('%s', (_name, actor, action, scope, expected) => {
    expect(can(actor, action, scope)).toBe(expected);
  });
});
