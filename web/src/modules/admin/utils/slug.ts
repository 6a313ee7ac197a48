/** The server's slug rule: lower-case letters, digits and single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A slug suggested from a title: accents dropped, every other run of non-alphanumerics one
 * hyphen, at most `max` characters cut at a hyphen where possible. Titles with no Latin letter
 * or digit give '' (the admin types one).
 */
export function slugify(title: string, max = 80): string {
  const base = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (base.length <= max) return base;
  const cut = base.slice(0, max);
  const hyphen = cut.lastIndexOf('-');
  return (hyphen > max / 2 ? cut.slice(0, hyphen) : cut).replace(/-+$/, '');
}

export function isSlug(value: string): boolean {
  return SLUG_PATTERN.test(value);
}
