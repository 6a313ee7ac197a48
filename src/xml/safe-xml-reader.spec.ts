import fc from 'fast-check';
import {
  readSubtree,
  readXmlEvents,
  textContent,
  XmlEvent,
  XmlRejectedError,
  XmlRejectionCode,
  XmlSource,
  SafeXmlLimits,
} from './safe-xml-reader';

const LIMITS: SafeXmlLimits = { maxBytes: 10 * 1024 * 1024 };

async function readAll(source: XmlSource, limits: SafeXmlLimits = LIMITS): Promise<XmlEvent[]> {
  const events: XmlEvent[] = [];
  for await (const event of readXmlEvents(source, limits)) events.push(event);
  return events;
}

async function rejectionOf(
  source: XmlSource,
  limits: SafeXmlLimits = LIMITS,
): Promise<XmlRejectedError> {
  try {
    await readAll(source, limits);
  } catch (error) {
    if (error instanceof XmlRejectedError) return error;
    throw error;
  }
  throw new Error('the document was accepted');
}

async function expectRejected(
  source: XmlSource,
  code: XmlRejectionCode,
  limits: SafeXmlLimits = LIMITS,
): Promise<void> {
  expect((await rejectionOf(source, limits)).code).toBe(code);
}

describe('readXmlEvents', () => {
  it('reports elements, attributes and text with entities and CDATA resolved', async () => {
    const events = await readAll([
      '<?xml version="1.0" encoding="UTF-8"?>\n<!-- a comment -->',
      '<doc lang="en" note="a &amp; b">one &lt;two&gt; <b/>three<![CDATA[<raw> & ]]>&#x41;&#66;</doc>',
    ]);
    expect(events).toEqual([
      {
        type: 'open',
        name: 'doc',
        attributes: { lang: 'en', note: 'a & b' },
        selfClosing: false,
        depth: 1,
      },
      { type: 'text', text: 'one <two> ' },
      { type: 'open', name: 'b', attributes: {}, selfClosing: true, depth: 2 },
      { type: 'close', name: 'b', depth: 2 },
      { type: 'text', text: 'three<raw> & AB' },
      { type: 'close', name: 'doc', depth: 1 },
    ]);
  });

  it('decodes multi-byte characters split across chunks and drops a UTF-8 BOM', async () => {
    const bytes = Buffer.from('\uFEFF<p>café 漢字 🙂</p>', 'utf8');
    const chunks = [...bytes].map((byte) => Uint8Array.of(byte));
    const events = await readAll(chunks);
    expect(events[1]).toEqual({ type: 'text', text: 'café 漢字 🙂' });
  });

  it('keeps the xml:lang attribute name as written', async () => {
    const [open] = await readAll(['<tuv xml:lang="es-MX"/>']);
    expect(open).toMatchObject({ attributes: { 'xml:lang': 'es-MX' } });
  });

  it('refuses an XXE entity pointing at a local file', async () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
      '<tmx><body>&xxe;</body></tmx>';
    const error = await rejectionOf([xxe]);
    expect(error.code).toBe('XML_DOCTYPE_FORBIDDEN');
    expect(error.message).not.toContain('root:');
  });

  it('refuses billion laughs', async () => {
    const lols = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i += 1) {
      lols.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    }
    await expectRejected(
      [`<!DOCTYPE lolz [${lols.join('')}]><lolz>&lol9;</lolz>`],
      'XML_DOCTYPE_FORBIDDEN',
    );
  });

  it('refuses an external DTD', async () => {
    await expectRejected(
      ['<!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/tmx14.dtd"><tmx version="1.4"/>'],
      'XML_DOCTYPE_FORBIDDEN',
    );
  });

  it('tolerates only the DOCTYPE declarations the caller names, never with a subset', async () => {
    const limits = { ...LIMITS, allowedDoctypes: ['tmx SYSTEM "tmx14.dtd"'] };
    const named = '<!DOCTYPE  tmx\n SYSTEM "tmx14.dtd" ><tmx/>';
    expect(await readAll([named], limits)).toHaveLength(2);
    await expectRejected([named], 'XML_DOCTYPE_FORBIDDEN');
    for (const other of [
      '<!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/tmx14.dtd"><tmx/>',
      '<!DOCTYPE tmx SYSTEM "tmx14.dtd" [<!ENTITY a "b">]><tmx/>',
      '<!DOCTYPE tmx PUBLIC "-//x" "tmx14.dtd"><tmx/>',
    ]) {
      await expectRejected([other], 'XML_DOCTYPE_FORBIDDEN', limits);
    }
  });

  it('refuses entities that are not predefined, even without a DOCTYPE', async () => {
    await expectRejected(['<a>&nbsp;</a>'], 'XML_ENTITY_FORBIDDEN');
  });

  it('refuses a huge DOCTYPE before it is complete', async () => {
    const limits = { ...LIMITS, maxAttributeLength: 1000, maxTextLength: 1000 };
    const junk = `<!DOCTYPE a [<!-- ${'x'.repeat(200_000)}`;
    await expectRejected([junk, '-->]><a/>'], 'XML_TOKEN_TOO_LARGE', limits);
  });

  it('refuses nesting deeper than the limit', async () => {
    const deep = (levels: number) => '<a>'.repeat(levels) + '</a>'.repeat(levels);
    expect(await readAll([deep(64)])).toHaveLength(128);
    await expectRejected([deep(65)], 'XML_TOO_DEEP');
    await expectRejected([deep(5)], 'XML_TOO_DEEP', { ...LIMITS, maxDepth: 4 });
  });

  it('refuses an attribute or a text node over the size limit', async () => {
    const limits = { ...LIMITS, maxAttributeLength: 100, maxTextLength: 100 };
    await expectRejected([`<a x="${'y'.repeat(101)}"/>`], 'XML_ATTRIBUTE_TOO_LARGE', limits);
    await expectRejected(
      [`<a>${'y'.repeat(60)}`, `${'y'.repeat(60)}</a>`],
      'XML_TEXT_TOO_LARGE',
      limits,
    );
    expect(
      await readAll([`<a x="${'y'.repeat(100)}">${'z'.repeat(100)}</a>`], limits),
    ).toHaveLength(3);
  });

  it('refuses a 1 MB + 1 attribute with the default limit', async () => {
    await expectRejected([`<a x="${'y'.repeat(1024 * 1024 + 1)}"/>`], 'XML_ATTRIBUTE_TOO_LARGE');
  });

  it('refuses input over the byte limit', async () => {
    await expectRejected(['<a>', 'x'.repeat(100), '</a>'], 'XML_TOO_LARGE', { maxBytes: 50 });
  });

  it('refuses invalid UTF-8, including a truncated sequence at the end', async () => {
    await expectRejected(
      [Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e])],
      'XML_INVALID_UTF8',
    );
    await expectRejected([Buffer.from('<a>x</a>'), Buffer.from([0xc3])], 'XML_INVALID_UTF8');
    await expectRejected(
      [Buffer.from('\xff\xfe<\x00a\x00/\x00>\x00', 'latin1')],
      'XML_INVALID_UTF8',
    );
  });

  it('refuses a declared encoding other than UTF-8', async () => {
    await expectRejected(
      ['<?xml version="1.0" encoding="ISO-8859-1"?><a/>'],
      'XML_UNSUPPORTED_ENCODING',
    );
  });

  it('refuses malformed documents', async () => {
    for (const bad of ['', '<a>', '<a></b>', '<a/><b/>', 'text', '<a x=1/>', '<a>&#0;</a>']) {
      await expectRejected([bad], 'XML_MALFORMED');
    }
  });

  it('reports the position of the problem', async () => {
    const error = await rejectionOf(['<a>\n  <b>\n</a>']);
    expect(error.position?.line).toBe(3);
  });
});

describe('readSubtree', () => {
  it('builds one record at a time and leaves the rest of the stream to the caller', async () => {
    const events = readXmlEvents(
      ['<body><tu id="1"><seg>a <ph x="1"/> b</seg></tu><tu id="2"><seg>c</seg></tu></body>'],
      LIMITS,
    );
    const records: string[] = [];
    let first: unknown;
    for await (const event of events) {
      if (event.type === 'open' && event.name === 'tu') {
        const tu = await readSubtree(event, events);
        first ??= tu;
        records.push(`${tu.attributes.id}:${textContent(tu)}`);
      }
    }
    expect(records).toEqual(['1:a  b', '2:c']);
    expect(first).toEqual({
      name: 'tu',
      attributes: { id: '1' },
      children: [
        {
          name: 'seg',
          attributes: {},
          children: ['a ', { name: 'ph', attributes: { x: '1' }, children: [] }, ' b'],
        },
      ],
    });
  });

  it('refuses a record with too many nodes', async () => {
    const events = readXmlEvents([`<tu>${'<x/>'.repeat(20)}</tu>`], LIMITS);
    const first = await events.next();
    if (first.done || first.value.type !== 'open') throw new Error('expected an open event');
    await expect(readSubtree(first.value, events, 10)).rejects.toMatchObject({
      code: 'XML_TOO_MANY_NODES',
    });
  });
});

describe('readXmlEvents properties', () => {
  type Tree = { name: string; attributes: Record<string, string>; children: (Tree | string)[] };

  const xmlChar = fc.oneof(
    fc.constantFrom('<', '>', '&', '"', "'", ' ', '\n', '\t', 'é', '漢', '🙂', ']]>'),
    fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 3 }),
  );
  const text = fc.array(xmlChar, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
  const name = fc.stringMatching(/^[a-z][a-z0-9_.-]{0,6}$/);
  const attributes = fc.dictionary(name, text, { maxKeys: 3 });

  const { tree } = fc.letrec<{ tree: Tree; node: Tree | string }>((tie) => ({
    tree: fc.record({
      name,
      attributes,
      children: fc.array(tie('node'), { maxLength: 4 }),
    }),
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, tie('tree')),
  }));

  const escapeText = (value: string) =>
    value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const escapeAttribute = (value: string) =>
    escapeText(value)
      .replace(/"/g, '&quot;')
      .replace(/\n/g, '&#10;')
      .replace(/\t/g, '&#9;')
      .replace(/\r/g, '&#13;');

  function serialize(node: Tree | string): string {
    if (typeof node === 'string') return escapeText(node);
    const attrs = Object.entries(node.attributes)
      .map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`)
      .join('');
    if (node.children.length === 0) return `<${node.name}${attrs}/>`;
    return `<${node.name}${attrs}>${node.children.map(serialize).join('')}</${node.name}>`;
  }

  function expectedEvents(node: Tree, depth = 1): XmlEvent[] {
    const events: XmlEvent[] = [
      {
        type: 'open',
        name: node.name,
        attributes: node.attributes,
        selfClosing: node.children.length === 0,
        depth,
      },
    ];
    let pending = '';
    for (const child of node.children) {
      if (typeof child === 'string') {
        pending += child;
        continue;
      }
      if (pending) events.push({ type: 'text', text: pending });
      pending = '';
      events.push(...expectedEvents(child, depth + 1));
    }
    if (pending) events.push({ type: 'text', text: pending });
    events.push({ type: 'close', name: node.name, depth });
    return events;
  }

  function chunked(bytes: Buffer, cuts: number[]): Buffer[] {
    const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
    const chunks: Buffer[] = [];
    let start = 0;
    for (const point of [...points, bytes.length]) {
      chunks.push(bytes.subarray(start, point));
      start = point;
    }
    return chunks;
  }

  it('reads back any serialized tree as the same events, however the bytes are chunked', async () => {
    await fc.assert(
      fc.asyncProperty(tree, fc.array(fc.nat(), { maxLength: 8 }), async (root, cuts) => {
        const bytes = Buffer.from(serialize(root), 'utf8');
        expect(await readAll(chunked(bytes, cuts))).toEqual(expectedEvents(root));
      }),
      { numRuns: 300 },
    );
  });

  it('throws nothing but XmlRejectedError on arbitrary bytes', async () => {
    const xmlish = fc.array(
      fc.oneof(
        fc.uint8Array({ maxLength: 20 }),
        fc
          .constantFrom(
            '<a>',
            '</a>',
            '<!DOCTYPE',
            '<![CDATA[',
            ']]>',
            '&amp;',
            '&#',
            '<?xml ',
            '"',
            '=',
          )
          .map((token) => Buffer.from(token)),
      ),
      { maxLength: 12 },
    );
    await fc.assert(
      fc.asyncProperty(xmlish, async (chunks) => {
        try {
          await readAll(chunks, { maxBytes: 200, maxDepth: 4, maxTextLength: 50 });
        } catch (error) {
          expect(error).toBeInstanceOf(XmlRejectedError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
