/**
 * HTML escaping (pure), shared by the renderer and the reader page templates. Escapes & < > "
 * and ', so the result is safe as element text and inside single- or double-quoted attributes.
 */
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
