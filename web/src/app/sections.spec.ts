import { sectionOf } from './sections';

describe('sectionOf', () => {
  it('puts projects and the editor under Home', () => {
    expect(sectionOf('/')).toBe('home');
    expect(sectionOf('/projects/health')).toBe('home');
    expect(sectionOf('/projects/health/articles/flu/ar')).toBe('home');
  });

  it('knows Administration and Settings, and nothing else', () => {
    expect(sectionOf('/admin')).toBe('admin');
    expect(sectionOf('/admin/users')).toBe('admin');
    expect(sectionOf('/administrator')).toBeNull();
    expect(sectionOf('/settings')).toBe('settings');
    expect(sectionOf('/nowhere')).toBeNull();
  });
});
