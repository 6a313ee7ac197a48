/** Reader-site paths, in one place for the reader, publishing (API `url`s) and the demo. */

/** `/read/<project>/<article>`: negotiates the reader's language. */
export function articlePath(project: string, article: string): string {
  return `/read/${encodeURIComponent(project)}/${encodeURIComponent(article)}`;
}

/** `/read/<project>/<locale>/<article>`: the page in one locale (canonical locale codes). */
export function pagePath(project: string, locale: string, article: string): string {
  return `/read/${encodeURIComponent(project)}/${locale}/${encodeURIComponent(article)}`;
}

/** `/read/<project>`: negotiates the reader's language for the library index. */
export function libraryHomePath(project: string): string {
  return `/read/${encodeURIComponent(project)}`;
}

/** `/read/<project>/<locale>/`: the library index in one locale (canonical locale codes). */
export function libraryPath(project: string, locale: string): string {
  return `/read/${encodeURIComponent(project)}/${locale}/`;
}
