/** Article source formats the server accepts. */
export const SOURCE_FORMATS = ['markdown', 'html', 'text'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

const BY_EXTENSION: Record<string, SourceFormat> = {
  md: 'markdown',
  markdown: 'markdown',
  mdown: 'markdown',
  mkd: 'markdown',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  txt: 'text',
  text: 'text',
};

/** The format a file name's extension names, or null when it names none we know. */
export function formatFromFileName(name: string): SourceFormat | null {
  const dot = name.lastIndexOf('.');
  if (dot < 0 || dot === name.length - 1) return null;
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? null;
}

/**
 * A guess from the content itself, for pasted text: HTML when it starts with a tag or has block
 * tags, Markdown when lines start with headings, list marks or it has links/emphasis, else text.
 */
export function guessFormat(content: string): SourceFormat {
  const head = content.trimStart().slice(0, 4000);
  if (/^<(!doctype|html|body|h[1-6]|p|div|article|section|ul|ol|table)\b/i.test(head))
    return 'html';
  if (/<\/(p|h[1-6]|li|div|article|section)>/i.test(head)) return 'html';
  if (
    /^(#{1,6} |\s*[-*+] |\s*\d+\. |> )/m.test(head) ||
    /\[[^\]]+\]\([^)]+\)|\*\*[^*]+\*\*/.test(head)
  ) {
    return 'markdown';
  }
  return 'text';
}

/** A title suggested from a document: its first heading (Markdown `#` or HTML `<h1>`). */
export function titleFromContent(content: string, format: SourceFormat): string {
  if (format === 'markdown') {
    const heading = /^#{1,2}\s+(.+?)\s*#*\s*$/m.exec(content);
    if (heading) return heading[1].trim();
  }
  if (format === 'html') {
    const heading =
      /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(content) ?? /<title>([\s\S]*?)<\/title>/i.exec(content);
    if (heading)
      return heading[1]
        .replace(/<[^>]*>/g, '')
        .replace(/\s+/g, ' ')
        .trim();
  }
  const first = content.split('\n').find((line) => line.trim() !== '');
  return format === 'text' && first && first.trim().length <= 120 ? first.trim() : '';
}
