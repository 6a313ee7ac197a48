import { escapeBraces } from '../../../segmentation/codes';
import type { XmlElement, XmlNode } from '../../../xml/safe-xml-reader';

/**
 * Builds our coded notation from XLIFF inline content. Text gets its braces doubled; codes are
 * written as `{n}`, `{/n}`, `{n/}`. The first problem (an element the format does not allow,
 * a code id that is not one of our numbers) is kept and reported for the unit.
 */
export class CodedText {
  private out = '';
  problem: string | null = null;

  text(value: string): void {
    this.out += escapeBraces(value);
  }

  open(id: string | undefined, element: string): void {
    const n = this.codeNumber(id, element);
    if (n !== null) this.out += `{${n}}`;
  }

  close(id: string | undefined, element: string): void {
    const n = this.codeNumber(id, element);
    if (n !== null) this.out += `{/${n}}`;
  }

  standalone(id: string | undefined, element: string): void {
    const n = this.codeNumber(id, element);
    if (n !== null) this.out += `{${n}/}`;
  }

  fail(message: string): void {
    this.problem ??= message;
  }

  toString(): string {
    return this.out;
  }

  /** Our code numbers are 1–4 digits; XLIFF ids of close markers may carry an `e` suffix. */
  private codeNumber(id: string | undefined, element: string): number | null {
    const match = id === undefined ? null : /^(\d{1,4})e?$/.exec(id);
    if (!match) {
      this.fail(`<${element}> has id ${JSON.stringify(id ?? '')}, not a code number of this file`);
      return null;
    }
    return Number(match[1]);
  }
}

export type InlineVisitor = (element: XmlElement, coded: CodedText, visit: VisitChildren) => void;
export type VisitChildren = (parent: XmlElement) => void;

/** The coded text of an element's content, with `visitor` deciding what each child element is. */
export function codedContent(
  element: XmlElement,
  visitor: InlineVisitor,
): { text: string; problem: string | null } {
  const coded = new CodedText();
  const visitChildren: VisitChildren = (parent) => {
    for (const child of parent.children) visitNode(child);
  };
  const visitNode = (node: XmlNode): void => {
    if (typeof node === 'string') coded.text(node);
    else visitor(node, coded, visitChildren);
  };
  visitChildren(element);
  return { text: coded.toString(), problem: coded.problem };
}

export function childElements(parent: XmlElement, name: string): XmlElement[] {
  return parent.children.filter(
    (child): child is XmlElement => typeof child !== 'string' && child.name === name,
  );
}

/**
 * The prefix a document binds to our namespace (`tms` in our files; another tool may rename
 * it), read from the root element's `xmlns:*` attributes.
 */
export function tmsPrefix(rootAttributes: Record<string, string>, namespace: string): string {
  for (const [name, value] of Object.entries(rootAttributes))
    if (name.startsWith('xmlns:') && value === namespace) return name.slice('xmlns:'.length);
  return 'tms';
}
