/**
 * Streaming XML reader for untrusted uploads (TMX, XLIFF).
 *
 * saxes does the tokenising: it never loads a DTD, never resolves external entities and knows
 * only the five predefined entities plus numeric character references, so XXE and entity
 * expansion ("billion laughs") cannot happen in it. On top of that this module
 * - refuses any DOCTYPE (so no entity declaration is ever even accepted), except one the
 *   caller names exactly: a bare reference to a format's public DTD, such as the
 *   `<!DOCTYPE tmx SYSTEM "tmx14.dtd">` that translate-toolkit writes. Such a DTD is never
 *   loaded (saxes cannot), so naming it is harmless; an internal subset never matches,
 * - decodes strictly as UTF-8 (a stray byte is an error, not a U+FFFD),
 * - bounds depth, attribute and text sizes, total input bytes, and the size of any single
 *   unfinished token, so the parser's own buffers stay bounded whatever the input.
 * It yields events one chunk at a time, so a consumer holds at most one record in memory.
 */
import { SaxesParser } from 'saxes';

export type XmlRejectionCode =
  | 'XML_DOCTYPE_FORBIDDEN'
  | 'XML_ENTITY_FORBIDDEN'
  | 'XML_TOO_DEEP'
  | 'XML_ATTRIBUTE_TOO_LARGE'
  | 'XML_TEXT_TOO_LARGE'
  | 'XML_TOKEN_TOO_LARGE'
  | 'XML_TOO_LARGE'
  | 'XML_TOO_MANY_NODES'
  | 'XML_INVALID_UTF8'
  | 'XML_UNSUPPORTED_ENCODING'
  | 'XML_MALFORMED';

export interface XmlPosition {
  line: number;
  column: number;
}

/** The one error this module throws for bad input; `code` is stable and safe to show. */
export class XmlRejectedError extends Error {
  override readonly name = 'XmlRejectedError';
  constructor(
    readonly code: XmlRejectionCode,
    message: string,
    readonly position?: XmlPosition,
  ) {
    super(position ? `${message} (line ${position.line}, column ${position.column})` : message);
  }
}

export interface XmlOpenEvent {
  type: 'open';
  name: string;
  attributes: Record<string, string>;
  selfClosing: boolean;
  /** 1 for the root element. */
  depth: number;
}
export interface XmlTextEvent {
  type: 'text';
  /** Character data with entities resolved; CDATA sections and adjacent text are merged. */
  text: string;
}
export interface XmlCloseEvent {
  type: 'close';
  name: string;
  depth: number;
}
export type XmlEvent = XmlOpenEvent | XmlTextEvent | XmlCloseEvent;

export interface SafeXmlLimits {
  /** Input size cap in bytes (required: the caller knows what is reasonable for its route). */
  maxBytes: number;
  maxDepth?: number;
  /** Characters per attribute value. */
  maxAttributeLength?: number;
  /** Characters per text node (after merging adjacent text and CDATA). */
  maxTextLength?: number;
  /**
   * DOCTYPE declarations tolerated (and ignored), written as between `<!DOCTYPE` and `>` with
   * single spaces, e.g. `tmx SYSTEM "tmx14.dtd"`. Any other DOCTYPE is XML_DOCTYPE_FORBIDDEN.
   */
  allowedDoctypes?: readonly string[];
}

export const DEFAULT_MAX_DEPTH = 64;
export const DEFAULT_MAX_VALUE_LENGTH = 1024 * 1024;
/** Decoded input is fed to saxes in pieces of at most this many characters. */
const PIECE_LENGTH = 64 * 1024;

export type XmlSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/**
 * Reads `source` as XML and yields open/text/close events. Comments, processing instructions
 * and the XML declaration are checked but not reported. Throws XmlRejectedError on anything
 * malformed or over a limit; events already yielded before the error were well-formed.
 */
export async function* readXmlEvents(
  source: XmlSource,
  limits: SafeXmlLimits,
): AsyncGenerator<XmlEvent, void, undefined> {
  const tokenizer = new BoundedTokenizer(limits);
  for await (const chunk of source) {
    for (const piece of tokenizer.decode(chunk)) {
      tokenizer.write(piece);
      yield* tokenizer.drain();
    }
  }
  tokenizer.end();
  yield* tokenizer.drain();
}

class BoundedTokenizer {
  private readonly parser = new SaxesParser({ xmlns: false, position: true });
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly maxDepth: number;
  private readonly maxAttribute: number;
  private readonly maxText: number;
  private readonly maxToken: number;
  private bytes = 0;
  private depth = 0;
  private pendingText = '';
  private lastEventAt = 0;
  private queue: XmlEvent[] = [];
  private rejection: XmlRejectedError | undefined;

  constructor(private readonly limits: SafeXmlLimits) {
    this.maxDepth = limits.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.maxAttribute = limits.maxAttributeLength ?? DEFAULT_MAX_VALUE_LENGTH;
    this.maxText = limits.maxTextLength ?? DEFAULT_MAX_VALUE_LENGTH;
    // An opening tag may carry several attributes; anything else still unfinished after this
    // many characters (a comment, a DOCTYPE, a CDATA section, a tag) is an attack or junk.
    this.maxToken = Math.max(this.maxAttribute, this.maxText) * 4;
    this.listen();
  }

  *decode(chunk: Uint8Array | string): Generator<string> {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.bytes += bytes.byteLength;
    if (this.bytes > this.limits.maxBytes) {
      throw new XmlRejectedError(
        'XML_TOO_LARGE',
        `The document is larger than ${this.limits.maxBytes} bytes`,
      );
    }
    const text = this.decodeUtf8(bytes, true);
    for (let start = 0; start < text.length; start += PIECE_LENGTH) {
      yield text.slice(start, start + PIECE_LENGTH);
    }
  }

  write(piece: string): void {
    this.parser.write(piece);
    this.throwIfRejected();
    if (this.parser.position - this.lastEventAt > this.maxToken) {
      throw this.reject('XML_TOKEN_TOO_LARGE', 'A single XML token is too large');
    }
  }

  end(): void {
    const rest = this.decodeUtf8(new Uint8Array(0), false);
    if (rest) this.parser.write(rest);
    this.parser.close();
    this.throwIfRejected();
  }

  drain(): XmlEvent[] {
    const events = this.queue;
    this.queue = [];
    return events;
  }

  private decodeUtf8(bytes: Uint8Array, stream: boolean): string {
    try {
      return this.decoder.decode(bytes, { stream });
    } catch {
      throw new XmlRejectedError(
        'XML_INVALID_UTF8',
        `The document is not valid UTF-8 (near byte ${this.bytes})`,
      );
    }
  }

  private listen(): void {
    const parser = this.parser;
    parser.on('error', (error) => {
      const message = error.message;
      const code = /undefined entity|disallowed character in entity/.test(message)
        ? 'XML_ENTITY_FORBIDDEN'
        : 'XML_MALFORMED';
      this.reject(code, `Malformed XML: ${stripSaxesPrefix(message)}`);
    });
    parser.on('xmldecl', (decl) => {
      this.touch();
      if (decl.encoding !== undefined && !/^utf-?8$/i.test(decl.encoding)) {
        this.reject(
          'XML_UNSUPPORTED_ENCODING',
          `Encoding ${decl.encoding} is not supported: use UTF-8`,
        );
      }
    });
    parser.on('doctype', (doctype) => {
      this.touch();
      const declared = doctype.trim().replace(/\s+/g, ' ');
      if (this.limits.allowedDoctypes?.includes(declared)) return;
      this.reject('XML_DOCTYPE_FORBIDDEN', 'DOCTYPE declarations are not accepted');
    });
    parser.on('comment', () => this.touch());
    parser.on('processinginstruction', () => this.touch());
    parser.on('attribute', (attribute) => {
      this.touch();
      if (attribute.value.length > this.maxAttribute) {
        this.reject(
          'XML_ATTRIBUTE_TOO_LARGE',
          `Attribute ${attribute.name} is longer than ${this.maxAttribute} characters`,
        );
      }
    });
    parser.on('text', (text) => this.addText(text));
    parser.on('cdata', (text) => this.addText(text));
    parser.on('opentag', (tag) => {
      this.touch();
      this.depth += 1;
      if (this.depth > this.maxDepth) {
        this.reject('XML_TOO_DEEP', `Elements are nested deeper than ${this.maxDepth} levels`);
        return;
      }
      this.flushText();
      this.push({
        type: 'open',
        name: tag.name,
        attributes: { ...tag.attributes },
        selfClosing: tag.isSelfClosing,
        depth: this.depth,
      });
    });
    parser.on('closetag', (tag) => {
      this.touch();
      this.flushText();
      this.push({ type: 'close', name: tag.name, depth: this.depth });
      this.depth -= 1;
    });
  }

  private addText(text: string): void {
    this.touch();
    // Text outside the root element can only be whitespace (saxes checks); it is not reported.
    if (this.depth === 0) return;
    if (this.pendingText.length + text.length > this.maxText) {
      this.reject('XML_TEXT_TOO_LARGE', `A text node is longer than ${this.maxText} characters`);
      return;
    }
    this.pendingText += text;
  }

  private flushText(): void {
    if (this.pendingText === '') return;
    this.push({ type: 'text', text: this.pendingText });
    this.pendingText = '';
  }

  private push(event: XmlEvent): void {
    if (!this.rejection) this.queue.push(event);
  }

  private touch(): void {
    this.lastEventAt = this.parser.position;
  }

  private reject(code: XmlRejectionCode, message: string): XmlRejectedError {
    // Only the first problem is reported; saxes keeps going to the end of the piece.
    this.rejection ??= new XmlRejectedError(code, message, {
      line: this.parser.line,
      column: this.parser.column,
    });
    this.queue = [];
    return this.rejection;
  }

  private throwIfRejected(): void {
    if (this.rejection) throw this.rejection;
  }
}

function stripSaxesPrefix(message: string): string {
  // saxes prefixes "<file>:<line>:<column>: "; we report the position separately.
  return message.replace(/^[^:]*:\d+:\d+: /, '');
}

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export const DEFAULT_MAX_SUBTREE_NODES = 10_000;

/**
 * Builds the element opened by `open` from the following events of `events` (the same
 * iterator the open event came from), consuming them up to and including its close event.
 * This is how record readers take one `<tu>` or `<unit>` at a time.
 */
export async function readSubtree(
  open: XmlOpenEvent,
  events: AsyncIterator<XmlEvent>,
  maxNodes: number = DEFAULT_MAX_SUBTREE_NODES,
): Promise<XmlElement> {
  const root: XmlElement = { name: open.name, attributes: open.attributes, children: [] };
  const stack: XmlElement[] = [root];
  let nodes = 1;
  while (stack.length > 0) {
    const next = await events.next();
    if (next.done) throw new XmlRejectedError('XML_MALFORMED', `<${open.name}> is not closed`);
    const event = next.value;
    const parent = stack[stack.length - 1];
    if (event.type === 'close') {
      stack.pop();
      continue;
    }
    nodes += 1;
    if (nodes > maxNodes) {
      throw new XmlRejectedError(
        'XML_TOO_MANY_NODES',
        `<${open.name}> has more than ${maxNodes} nodes`,
      );
    }
    if (event.type === 'text') {
      parent.children.push(event.text);
    } else {
      const element: XmlElement = { name: event.name, attributes: event.attributes, children: [] };
      parent.children.push(element);
      stack.push(element);
    }
  }
  return root;
}

/** The concatenated text of a subtree (e.g. a `<seg>` without its markup). */
export function textContent(node: XmlNode): string {
  if (typeof node === 'string') return node;
  return node.children.map(textContent).join('');
}
