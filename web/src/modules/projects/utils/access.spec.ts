import { editorHref, localeAccess, mineFirst, projectHref } from './access';

describe('localeAccess', () => {
  const member = {
    role: 'member' as const,
    memberships: [
      { project: 'health', locale: 'es', role: 'translator' as const },
      { project: 'health', locale: 'ar', role: 'reviewer' as const },
      { project: 'other', locale: 'fr', role: 'reviewer' as const },
    ],
  };

  it('lets a translator translate and a reviewer both review and translate', () => {
    expect(localeAccess(member, 'health', 'es')).toEqual({ translate: true, review: false });
    expect(localeAccess(member, 'health', 'ar')).toEqual({ translate: true, review: true });
  });

  it('gives nothing in another project or locale, and matches codes in any case', () => {
    expect(localeAccess(member, 'health', 'fr')).toEqual({ translate: false, review: false });
    expect(localeAccess(member, 'other', 'es')).toEqual({ translate: false, review: false });
    expect(localeAccess(member, 'health', 'ES')).toEqual({ translate: true, review: false });
  });

  it('lets an admin do everything', () => {
    expect(localeAccess({ role: 'admin', memberships: [] }, 'x', 'vi')).toEqual({
      translate: true,
      review: true,
    });
  });
});

describe('editorHref', () => {
  it('builds the editor route, with review mode for reviews', () => {
    expect(editorHref('health', 'flu', 'zh-Hans')).toBe('/projects/health/articles/flu/zh-Hans');
    expect(editorHref('health', 'flu', 'ar', 'review')).toBe(
      '/projects/health/articles/flu/ar?mode=review',
    );
  });

  it('escapes anything that could leave its path segment', () => {
    expect(editorHref('a/b', '../x?y#z', 'es')).toBe('/projects/a%2Fb/articles/..%2Fx%3Fy%23z/es');
    expect(projectHref('p q')).toBe('/projects/p%20q');
  });
});

describe('mineFirst', () => {
  const items = [{ locale: 'es' }, { locale: 'zh-Hans' }, { locale: 'ar' }, { locale: 'vi' }];

  it('puts the locales a member works on first, keeping the order otherwise', () => {
    const actor = {
      role: 'member' as const,
      memberships: [
        { project: 'p', locale: 'ar', role: 'translator' as const },
        { project: 'p', locale: 'zh-Hans', role: 'reviewer' as const },
      ],
    };
    expect(mineFirst(items, actor, 'p').map((i) => i.locale)).toEqual([
      'zh-Hans',
      'ar',
      'es',
      'vi',
    ]);
  });

  it('leaves the order alone for an admin', () => {
    expect(mineFirst(items, { role: 'admin', memberships: [] }, 'p')).toEqual(items);
  });
});
