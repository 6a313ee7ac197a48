import { hasTarget, unitNotes } from './notes';
import { pluralFormsFor } from './plural-forms';
import type { ChunkStream, InterchangeFile, InterchangeUnit } from './unit';

/**
 * Gettext PO, one file per article. `msgctxt` is our segment id, `msgid` the English and
 * `msgstr` the target, both in our coded notation (`{1}…{/1}`, doubled literal braces) so
 * that what comes back can be checked code for code. Fuzzy and rejected targets carry the
 * `fuzzy` flag; `#|` holds the English a carried target was written for; comments become
 * translator comments and the rest (state, revision, risk, checks) extracted comments.
 */

const PO_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\t': '\\t',
  '\r': '\\r',
};

// eslint-disable-next-line no-control-regex
const PO_SPECIAL = /[\\"\n\t\r\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function poString(value: string): string {
  return value.replace(
    PO_SPECIAL,
    (char) => PO_ESCAPES[char] ?? `\\${(char.codePointAt(0) ?? 0).toString(8).padStart(3, '0')}`,
  );
}

/** `keyword "value"`, split after each newline as gettext tools write it. */
function poField(keyword: string, value: string, prefix = ''): string {
  if (!value.includes('\n') || value.indexOf('\n') === value.length - 1)
    return `${prefix}${keyword} "${poString(value)}"\n`;
  const lines = value.split(/(?<=\n)/);
  return `${prefix}${keyword} ""\n${lines.map((line) => `${prefix}"${poString(line)}"\n`).join('')}`;
}

/** Comment text on one or more lines, each with its marker. */
function comment(marker: '#' | '#.', text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => (line === '' ? `${marker}\n` : `${marker} ${line}\n`))
    .join('');
}

export function poHeader(file: InterchangeFile, exportedAt: Date): string {
  const date = exportedAt.toISOString().replace(/T(\d\d:\d\d).*/, ' $1+0000');
  const fields = [
    `Project-Id-Version: ${file.article} v${file.sourceVersion}`,
    `PO-Revision-Date: ${date}`,
    'Last-Translator: tms export',
    `Language-Team: ${file.targetLocale}`,
    `Language: ${file.targetLocale.replace('-', '_')}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    `Plural-Forms: ${pluralFormsFor(file.targetLocale)}`,
    'X-Generator: tms',
    `X-TMS-Article: ${file.article}`,
    `X-TMS-Source-Version: ${file.sourceVersion}`,
    `X-TMS-Source-Language: ${file.sourceLocale}`,
  ];
  return (
    comment(
      '#',
      `${file.title}\n${file.article} (source version ${file.sourceVersion}), ${file.sourceLocale} → ${file.targetLocale}`,
    ) +
    'msgid ""\nmsgstr ""\n' +
    fields.map((field) => `"${poString(field)}\\n"\n`).join('')
  );
}

export function poEntry(unit: InterchangeUnit): string {
  let out = '\n';
  const notes = unitNotes(unit);
  for (const note of notes) if (note.category === 'comment') out += comment('#', note.text);
  out += comment(
    '#.',
    `tms: kind=${unit.kind} state=${unit.state} revision=${unit.revision} words=${unit.words}`,
  );
  for (const note of notes)
    if (note.category === 'changeRisk' || note.category === 'check')
      out += comment('#.', note.text);
  const translated = hasTarget(unit);
  if (translated && (unit.state === 'fuzzy' || unit.state === 'rejected')) out += '#, fuzzy\n';
  if (unit.previousSource !== null && unit.previousSource !== unit.source)
    out += poField('msgid', unit.previousSource, '#| ');
  out += poField('msgctxt', unit.id);
  out += poField('msgid', unit.source);
  out += poField('msgstr', translated ? unit.target : '');
  return out;
}

export async function* writePo(file: InterchangeFile, exportedAt = new Date()): ChunkStream {
  yield poHeader(file, exportedAt);
  for await (const unit of file.units) yield poEntry(unit);
}
