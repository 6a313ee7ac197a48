import { plainText } from './codes';
import type { CheckInput, CheckResult } from './types';

const TAG_LIKE = /<\/?[a-z][^<>]*>|&[a-z]+;|&#\d+;/gi;

/**
 * Markup must travel as inline codes, not as `<b>` or `&nbsp;` typed into the target. A `<` or `>`
 * the source does not have is also reported: in health text it often stands in for "less than"
 * or "more than", which a reader may misread. The renderer escapes it either way.
 */
export function checkMarkup(input: CheckInput): CheckResult | null {
  const source = plainText(input.source);
  const target = plainText(input.target);
  const tags = (target.match(TAG_LIKE) ?? []).filter((tag) => !source.includes(tag));
  const extraLess = Math.max(0, count(target, '<') - count(source, '<'));
  const extraGreater = Math.max(0, count(target, '>') - count(source, '>'));
  if (tags.length === 0 && extraLess === 0 && extraGreater === 0) return null;
  const message =
    tags.length > 0
      ? `The translation contains markup that is not in the source (${tags.join(' ')}). Use the inline codes instead of HTML.`
      : 'The translation contains "<" or ">" that the source does not have. Check that it is not markup and that any comparison says exactly what the source says.';
  return {
    code: 'MARKUP',
    severity: 'warning',
    message,
    details: { tags, extraLess, extraGreater },
  };
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
