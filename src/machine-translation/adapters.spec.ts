import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProvider, OPENAI_SYSTEM_PROMPT } from './adapters';
import { MtError, MtProviderName, MtProviderSettings, parseRetryAfter } from './provider';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

type Handler = (seen: Seen, res: ServerResponse) => void;

/** A local HTTP server standing in for a provider; `handler` answers as the provider would. */
async function fakeProvider(
  handler: Handler,
): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const entry = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: raw ? JSON.parse(raw) : null,
      };
      seen.push(entry);
      handler(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, server };
}

const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(
    servers.map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        }),
    ),
  );
});

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** "Translates" markup by swapping the English words the tests use for Spanish ones. */
const toSpanish = (text: string): string =>
  text.replace('Take', 'Tome').replace('two', 'dos').replace('tablets', 'comprimidos');

const settings = (
  provider: MtProviderName,
  endpoint: string,
  extra: Partial<MtProviderSettings> = {},
): MtProviderSettings => ({
  provider,
  endpoint,
  apiKey: 'k-123',
  model: null,
  region: null,
  timeoutMs: 2000,
  ...extra,
});

const SOURCE = 'Take {1}two{/1} tablets{2/} & rest.';
const EXPECTED = 'Tome {1}dos{/1} comprimidos{2/} & rest.';

describe('DeepL adapter', () => {
  it('sends XML with tag_handling and the DeepL-Auth-Key header, and maps the tags back', async () => {
    const fake = await fakeProvider((seen, res) => {
      const body = seen.body as { text: string[] };
      json(res, 200, {
        translations: body.text.map((t) => ({
          detected_source_language: 'EN',
          text: toSpanish(t),
        })),
      });
    });
    servers.push(fake.server);
    const out = await createProvider(settings('deepl', fake.url)).translate(
      [SOURCE],
      'en',
      'pt-BR',
    );
    expect(out).toEqual([EXPECTED]);
    expect(fake.seen[0]).toMatchObject({
      method: 'POST',
      url: '/v2/translate',
      headers: expect.objectContaining({ authorization: 'DeepL-Auth-Key k-123' }),
      body: {
        text: ['Take <x1>two</x1> tablets<x2/> &amp; rest.'],
        source_lang: 'EN',
        target_lang: 'PT-BR',
        tag_handling: 'xml',
      },
    });
  });

  it('names a variant for English and Portuguese targets', async () => {
    const fake = await fakeProvider((seen, res) => {
      const body = seen.body as { text: string[] };
      json(res, 200, { translations: body.text.map((text) => ({ text })) });
    });
    servers.push(fake.server);
    const provider = createProvider(settings('deepl', fake.url));
    await provider.translate(['x'], 'es', 'en');
    await provider.translate(['x'], 'en', 'pt');
    await provider.translate(['x'], 'en', 'zh-Hans');
    expect(fake.seen.map((s) => (s.body as { target_lang: string }).target_lang)).toEqual([
      'EN-US',
      'PT-PT',
      'ZH-HANS',
    ]);
    expect((fake.seen[0].body as { source_lang: string }).source_lang).toBe('ES');
  });

  it('reports 456 as the account quota spent', async () => {
    const fake = await fakeProvider((_seen, res) => json(res, 456, { message: 'Quota exceeded' }));
    servers.push(fake.server);
    await expect(
      createProvider(settings('deepl', fake.url)).translate(['x'], 'en', 'es'),
    ).rejects.toMatchObject({
      code: 'MT_QUOTA_EXCEEDED',
      message: expect.stringContaining('Quota exceeded'),
    });
  });
});

describe('Google Cloud Translation v2 adapter', () => {
  it('sends q with format=html and the key in the query, and maps the spans back', async () => {
    const fake = await fakeProvider((seen, res) => {
      const body = seen.body as { q: string[] };
      json(res, 200, {
        data: { translations: body.q.map((t) => ({ translatedText: toSpanish(t) })) },
      });
    });
    servers.push(fake.server);
    const out = await createProvider(settings('google', fake.url)).translate(
      [SOURCE, 'two'],
      'en',
      'zh-Hans',
    );
    expect(out).toEqual([EXPECTED, 'dos']);
    expect(fake.seen[0]).toMatchObject({
      url: '/language/translate/v2?key=k-123',
      body: {
        q: ['Take <span id="c1">two</span> tablets<img id="c2"> &amp; rest.', 'two'],
        source: 'en',
        target: 'zh-CN',
        format: 'html',
      },
    });
  });

  it('reports Google\'s 400 "API key not valid" as a bad key', async () => {
    const fake = await fakeProvider((_seen, res) =>
      json(res, 400, {
        error: {
          code: 400,
          message: 'API key not valid. Please pass a valid API key.',
          status: 'INVALID_ARGUMENT',
        },
      }),
    );
    servers.push(fake.server);
    await expect(
      createProvider(settings('google', fake.url)).translate(['x'], 'en', 'es'),
    ).rejects.toMatchObject({
      code: 'MT_AUTH_FAILED',
    });
  });
});

describe('Microsoft Translator v3 adapter', () => {
  it('sends [{Text}] with api-version, from, to, textType=html and the subscription headers', async () => {
    const fake = await fakeProvider((seen, res) => {
      const body = seen.body as Array<{ Text: string }>;
      json(
        res,
        200,
        body.map((item) => ({ translations: [{ text: toSpanish(item.Text), to: 'es' }] })),
      );
    });
    servers.push(fake.server);
    const provider = createProvider(settings('microsoft', fake.url, { region: 'westeurope' }));
    expect(await provider.translate([SOURCE], 'en', 'es')).toEqual([EXPECTED]);
    expect(fake.seen[0]).toMatchObject({
      url: '/translate?api-version=3.0&from=en&to=es&textType=html',
      headers: expect.objectContaining({
        'ocp-apim-subscription-key': 'k-123',
        'ocp-apim-subscription-region': 'westeurope',
      }),
      body: [{ Text: 'Take <span id="c1">two</span> tablets<img id="c2"> &amp; rest.' }],
    });
  });
});

describe('LibreTranslate adapter', () => {
  it('sends q as a list with format=html and api_key, and reads translatedText', async () => {
    const fake = await fakeProvider((seen, res) => {
      const body = seen.body as { q: string[] };
      json(res, 200, { translatedText: body.q.map(toSpanish) });
    });
    servers.push(fake.server);
    expect(
      await createProvider(settings('libretranslate', fake.url)).translate([SOURCE], 'en', 'es'),
    ).toEqual([EXPECTED]);
    expect(fake.seen[0]).toMatchObject({
      url: '/translate',
      body: {
        q: [expect.stringContaining('<span id="c1">')],
        source: 'en',
        target: 'es',
        format: 'html',
        api_key: 'k-123',
      },
    });
  });

  it('works without a key (a self-hosted server)', async () => {
    const fake = await fakeProvider((seen, res) =>
      json(res, 200, { translatedText: (seen.body as { q: string[] }).q }),
    );
    servers.push(fake.server);
    await createProvider(settings('libretranslate', fake.url, { apiKey: null })).translate(
      ['x'],
      'en',
      'es',
    );
    expect(fake.seen[0].body).not.toHaveProperty('api_key');
  });
});

describe('OpenAI-compatible adapter', () => {
  it('sends the fixed prompt and the text with our codes, and returns the content', async () => {
    const fake = await fakeProvider((seen, res) => {
      const body = seen.body as { messages: Array<{ content: string }> };
      json(res, 200, {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: ` ${toSpanish(body.messages[1].content)}\n` },
            finish_reason: 'stop',
          },
        ],
      });
    });
    servers.push(fake.server);
    const provider = createProvider(
      settings('openai-compatible', fake.url, { model: 'local-model' }),
    );
    expect(await provider.translate([SOURCE], 'en', 'es')).toEqual([EXPECTED]);
    const body = fake.seen[0].body as {
      model: string;
      messages: Array<{ role: string; content: string }>;
    };
    expect(fake.seen[0].url).toBe('/chat/completions');
    expect(fake.seen[0].headers.authorization).toBe('Bearer k-123');
    expect(body.model).toBe('local-model');
    expect(body.messages[0].role).toBe('system');
    expect(body.messages[0].content).toContain(OPENAI_SYSTEM_PROMPT);
    expect(body.messages[0].content).toContain('Spanish (es)');
    expect(body.messages[1]).toEqual({ role: 'user', content: SOURCE });
  });
});

describe.each<MtProviderName>([
  'deepl',
  'google',
  'microsoft',
  'libretranslate',
  'openai-compatible',
])('%s adapter errors', (name) => {
  const errorBody = { error: { message: 'nope' }, message: 'nope' };

  it('401 is a bad key', async () => {
    const fake = await fakeProvider((_s, res) => json(res, 401, errorBody));
    servers.push(fake.server);
    const error = await createProvider(settings(name, fake.url))
      .translate(['Hello.'], 'en', 'es')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MtError);
    expect(error).toMatchObject({
      code: 'MT_AUTH_FAILED',
      message: expect.stringContaining('401'),
    });
  });

  it('403 is a bad key', async () => {
    const fake = await fakeProvider((_s, res) => json(res, 403, errorBody));
    servers.push(fake.server);
    await expect(
      createProvider(settings(name, fake.url)).translate(['Hello.'], 'en', 'es'),
    ).rejects.toMatchObject({ code: 'MT_AUTH_FAILED' });
  });

  it('429 is rate limiting, with Retry-After in seconds', async () => {
    const fake = await fakeProvider((_s, res) =>
      json(res, 429, errorBody, { 'retry-after': '17' }),
    );
    servers.push(fake.server);
    await expect(
      createProvider(settings(name, fake.url)).translate(['Hello.'], 'en', 'es'),
    ).rejects.toMatchObject({
      code: 'MT_RATE_LIMITED',
      retryAfter: 17,
      message: expect.stringContaining('17 s'),
    });
  });

  it("500 is unavailable, with the provider's words", async () => {
    const fake = await fakeProvider((_s, res) => json(res, 500, errorBody));
    servers.push(fake.server);
    await expect(
      createProvider(settings(name, fake.url)).translate(['Hello.'], 'en', 'es'),
    ).rejects.toMatchObject({
      code: 'MT_UNAVAILABLE',
      message: expect.stringMatching(/HTTP 500: nope/),
    });
  });

  it('no answer within the timeout is unavailable', async () => {
    const fake = await fakeProvider(() => undefined);
    servers.push(fake.server);
    const started = Date.now();
    await expect(
      createProvider(settings(name, fake.url, { timeoutMs: 150 })).translate(
        ['Hello.'],
        'en',
        'es',
      ),
    ).rejects.toMatchObject({
      code: 'MT_UNAVAILABLE',
      message: expect.stringContaining('within 150 ms'),
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('an answer in another shape is unavailable, never a crash', async () => {
    const fake = await fakeProvider((_s, res) => json(res, 200, { unexpected: true }));
    servers.push(fake.server);
    await expect(
      createProvider(settings(name, fake.url)).translate(['Hello.'], 'en', 'es'),
    ).rejects.toMatchObject({
      code: 'MT_UNAVAILABLE',
    });
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(
      parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 1)).toUTCString(), Date.UTC(2030, 0, 1)),
    ).toBe(60);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
