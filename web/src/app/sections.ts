/** Which top-level section a location belongs to (projects and the editor sit under Home). */
export function sectionOf(location: string): 'home' | 'admin' | 'settings' | null {
  if (location === '/' || location.startsWith('/projects/')) return 'home';
  if (location === '/admin' || location.startsWith('/admin/')) return 'admin';
  if (location === '/settings' || location.startsWith('/settings/')) return 'settings';
  return null;
}
