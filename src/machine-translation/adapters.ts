/**
 * One adapter per provider, each speaking that provider's documented REST format. Inline codes
 * travel as markup the provider keeps (see markup.ts) or, for chat models, as our own codes with
 * a fixed instruction to keep them. Plain TS: fetch only.
 */
import { fromMarkup, toMarkup } from './markup';
import {
  malformed,
  MtError,
  MtProvider,
  MtProviderName,
  MtProviderSettings,
  postJson,
} from './provider';

const trimSlash = (url: string): string => url.replace(/\/+$/, '');
const base = (locale: string): string => locale.split('-')[0].toLowerCase();

function requireKey(settings: MtProviderSettings, label: string): string {
  if (!settings.apiKey) throw new MtError('MT_AUTH_FAILED', `${label} needs an API key`);
  return settings.apiKey;
}

function strings(value: unknown, count: number, label: string): string[] {
  if (!Array.isArray(value) || value.length !== count || value.some((v) => typeof v !== 'string'))
    throw malformed(label);
  return value as string[];
}

/** DeepL wants a variant for English and Portuguese targets (plain EN and PT are deprecated). */
function deeplTarget(locale: string): string {
  const upper = locale.toUpperCase();
  return { EN: 'EN-US', PT: 'PT-PT' }[upper] ?? upper;
}

/** DeepL API v2 `/v2/translate`, XML tag handling. Free keys end in `:fx`. */
export class DeeplProvider implements MtProvider {
  readonly name = 'deepl';
  constructor(private readonly settings: MtProviderSettings) {}

  async translate(texts: readonly string[], source: string, target: string): Promise<string[]> {
    const key = requireKey(this.settings, 'DeepL');
    const endpoint =
      this.settings.endpoint ??
      (key.endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com');
    const answer = (await postJson({
      label: 'DeepL',
      url: `${trimSlash(endpoint)}/v2/translate`,
      headers: { authorization: `DeepL-Auth-Key ${key}` },
      body: {
        text: texts.map((t) => toMarkup(t, 'xml')),
        source_lang: base(source).toUpperCase(),
        target_lang: deeplTarget(target),
        tag_handling: 'xml',
      },
      timeoutMs: this.settings.timeoutMs,
      quotaStatuses: [456],
    })) as { translations?: Array<{ text?: unknown }> };
    const out = strings(
      answer.translations?.map((t) => t.text),
      texts.length,
      'DeepL',
    );
    return out.map((t) => fromMarkup(t, 'xml'));
  }
}

/** Google Cloud Translation v2 (Basic), REST with an API key, html format. */
export class GoogleProvider implements MtProvider {
  readonly name = 'google';
  constructor(private readonly settings: MtProviderSettings) {}

  async translate(texts: readonly string[], source: string, target: string): Promise<string[]> {
    const key = requireKey(this.settings, 'Google Cloud Translation');
    const endpoint = this.settings.endpoint ?? 'https://translation.googleapis.com';
    const google = (locale: string): string =>
      ({ 'zh-hans': 'zh-CN', 'zh-hant': 'zh-TW' })[locale.toLowerCase()] ?? locale;
    const answer = (await postJson({
      label: 'Google Cloud Translation',
      url: `${trimSlash(endpoint)}/language/translate/v2?key=${encodeURIComponent(key)}`,
      headers: {},
      body: {
        q: texts.map((t) => toMarkup(t, 'html')),
        source: google(source),
        target: google(target),
        format: 'html',
      },
      timeoutMs: this.settings.timeoutMs,
      isAuthFailure: (status, message) => status === 400 && /API key/i.test(message),
    })) as { data?: { translations?: Array<{ translatedText?: unknown }> } };
    const out = strings(
      answer.data?.translations?.map((t) => t.translatedText),
      texts.length,
      'Google Cloud Translation',
    );
    return out.map((t) => fromMarkup(t, 'html'));
  }
}

/** Microsoft's codes: `pt` is Brazilian Portuguese, `pt-pt` European; the rest as we write them. */
function microsoft(locale: string): string {
  return locale.toLowerCase() === 'pt-br' ? 'pt' : locale;
}

/** Microsoft Translator v3 `/translate`, textType=html. */
export class MicrosoftProvider implements MtProvider {
  readonly name = 'microsoft';
  constructor(private readonly settings: MtProviderSettings) {}

  async translate(texts: readonly string[], source: string, target: string): Promise<string[]> {
    const key = requireKey(this.settings, 'Microsoft Translator');
    const endpoint = this.settings.endpoint ?? 'https://api.cognitive.microsofttranslator.com';
    const query = new URLSearchParams({
      'api-version': '3.0',
      from: microsoft(source),
      to: microsoft(target),
      textType: 'html',
    });
    const headers: Record<string, string> = { 'ocp-apim-subscription-key': key };
    if (this.settings.region) headers['ocp-apim-subscription-region'] = this.settings.region;
    const answer = await postJson({
      label: 'Microsoft Translator',
      url: `${trimSlash(endpoint)}/translate?${query.toString()}`,
      headers,
      body: texts.map((t) => ({ Text: toMarkup(t, 'html') })),
      timeoutMs: this.settings.timeoutMs,
    });
    if (!Array.isArray(answer)) throw malformed('Microsoft Translator');
    const out = strings(
      (answer as Array<{ translations?: Array<{ text?: unknown }> }>).map(
        (item) => item.translations?.[0]?.text,
      ),
      texts.length,
      'Microsoft Translator',
    );
    return out.map((t) => fromMarkup(t, 'html'));
  }
}

/** LibreTranslate `/translate` (self-hosted or hosted), html format; the key is optional. */
export class LibreTranslateProvider implements MtProvider {
  readonly name = 'libretranslate';
  constructor(private readonly settings: MtProviderSettings) {}

  async translate(texts: readonly string[], source: string, target: string): Promise<string[]> {
    if (!this.settings.endpoint)
      throw new MtError('MT_UNAVAILABLE', 'LibreTranslate needs an endpoint');
    const libre = (locale: string): string =>
      locale.toLowerCase() === 'zh-hant' ? 'zt' : base(locale);
    const body: Record<string, unknown> = {
      q: texts.map((t) => toMarkup(t, 'html')),
      source: libre(source),
      target: libre(target),
      format: 'html',
    };
    if (this.settings.apiKey) body.api_key = this.settings.apiKey;
    const answer = (await postJson({
      label: 'LibreTranslate',
      url: `${trimSlash(this.settings.endpoint)}/translate`,
      headers: {},
      body,
      timeoutMs: this.settings.timeoutMs,
    })) as { translatedText?: unknown };
    const out = strings(answer.translatedText, texts.length, 'LibreTranslate');
    return out.map((t) => fromMarkup(t, 'html'));
  }
}

/**
 * The fixed instruction for chat models: our codes are kept verbatim, nothing is added. The
 * answer is checked like any other (a model that breaks a code shows INLINE_CODES failing).
 */
export const OPENAI_SYSTEM_PROMPT = [
  'You translate health-education text for a professional translation tool.',
  'Translate the user message from the source language into the target language named below.',
  'The text contains inline placeholders written in braces: {1}...{/1} wrap a span, {2/} stands alone.',
  'Keep every placeholder exactly as written, the same number of times, around the words that',
  'correspond in the translation. Keep numbers, units and URLs as they are. A doubled brace',
  '({{ or }}) is a literal brace: keep it doubled.',
  'Answer with the translation only: no quotes, no notes, no explanation.',
].join(' ');

function languageName(locale: string): string {
  try {
    return `${new Intl.DisplayNames(['en'], { type: 'language' }).of(locale) ?? locale} (${locale})`;
  } catch {
    return locale;
  }
}

/** Any OpenAI-compatible `/chat/completions` endpoint; one request per text. */
export class OpenAiCompatibleProvider implements MtProvider {
  readonly name = 'openai-compatible';
  constructor(private readonly settings: MtProviderSettings) {}

  async translate(texts: readonly string[], source: string, target: string): Promise<string[]> {
    const endpoint = this.settings.endpoint ?? 'https://api.openai.com/v1';
    const headers: Record<string, string> = {};
    if (this.settings.apiKey) headers.authorization = `Bearer ${this.settings.apiKey}`;
    const out: string[] = [];
    for (const text of texts) {
      const answer = (await postJson({
        label: 'The chat-completions endpoint',
        url: `${trimSlash(endpoint)}/chat/completions`,
        headers,
        body: {
          model: this.settings.model ?? 'gpt-4o-mini',
          temperature: 0,
          messages: [
            {
              role: 'system',
              content: `${OPENAI_SYSTEM_PROMPT} Source language: ${languageName(source)}. Target language: ${languageName(target)}.`,
            },
            { role: 'user', content: text },
          ],
        },
        timeoutMs: this.settings.timeoutMs,
      })) as { choices?: Array<{ message?: { content?: unknown } }> };
      const content = answer.choices?.[0]?.message?.content;
      if (typeof content !== 'string') throw malformed('The chat-completions endpoint');
      out.push(content.trim());
    }
    return out;
  }
}

const ADAPTERS: Record<MtProviderName, new (settings: MtProviderSettings) => MtProvider> = {
  deepl: DeeplProvider,
  google: GoogleProvider,
  microsoft: MicrosoftProvider,
  libretranslate: LibreTranslateProvider,
  'openai-compatible': OpenAiCompatibleProvider,
};

export function createProvider(settings: MtProviderSettings): MtProvider {
  return new ADAPTERS[settings.provider](settings);
}
