import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatFromFileName,
  guessFormat,
  SOURCE_FORMATS,
  type SourceFormat,
} from '../utils/sourceFile';

/** The server's limit on a source (1 MB of UTF-8). */
const MAX_BYTES = 1024 * 1024;

export interface SourceValue {
  content: string;
  format: SourceFormat;
  /** How the format was decided: picked by the admin, from a file name, or from the content. */
  formatFrom: 'picked' | 'file' | 'content';
  fileName: string | null;
}

export function emptySource(format: SourceFormat = 'markdown'): SourceValue {
  return { content: '', format, formatFrom: 'content', fileName: null };
}

function readFile(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(file, 'utf-8');
  });
}

/**
 * An article's source: pasted into the text area or read from an uploaded Markdown, HTML or
 * text file (in the browser, no upload endpoint), with its format picked or guessed from the
 * file extension, else from the content.
 */
export function SourceInput({
  value,
  onChange,
  onFileTitle,
  sourceLocale,
}: {
  value: SourceValue;
  onChange: (value: SourceValue) => void;
  onFileTitle?: (content: string, format: SourceFormat) => void;
  sourceLocale: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [fileError, setFileError] = useState<string | null>(null);

  async function pick(files: FileList | null) {
    const file = files?.[0];
    setFileError(null);
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setFileError(t('admin.source.fileTooLarge', { name: file.name }));
      return;
    }
    try {
      const content = await readFile(file);
      const byName = formatFromFileName(file.name);
      const format = byName ?? guessFormat(content);
      onChange({ content, format, formatFrom: byName ? 'file' : 'content', fileName: file.name });
      onFileTitle?.(content, format);
    } catch {
      setFileError(t('admin.source.fileUnreadable', { name: file.name }));
    }
  }

  const formatHint = {
    picked: t('admin.source.formatPicked'),
    file: t('admin.source.formatFromFile', { name: value.fileName ?? '' }),
    content: t('admin.source.formatGuessed'),
  }[value.formatFrom];

  return (
    <div className="admin-source-input">
      <div className="admin-form-row">
        <label>
          {t('admin.source.file')}
          <input
            type="file"
            accept=".md,.markdown,.html,.htm,.txt,text/markdown,text/html,text/plain"
            aria-describedby={`${id}-file-hint`}
            onChange={(e) => void pick(e.target.files)}
          />
          <span id={`${id}-file-hint`} className="admin-hint">
            {t('admin.source.fileHint')}
          </span>
        </label>
        <label>
          {t('admin.source.format')}
          <select
            value={value.format}
            aria-describedby={`${id}-format-hint`}
            onChange={(e) =>
              onChange({ ...value, format: e.target.value as SourceFormat, formatFrom: 'picked' })
            }
          >
            {SOURCE_FORMATS.map((format) => (
              <option key={format} value={format}>
                {t(`admin.source.formats.${format}`)}
              </option>
            ))}
          </select>
          <span id={`${id}-format-hint`} className="admin-hint">
            {formatHint}
          </span>
        </label>
      </div>
      {fileError && (
        <p className="error" role="alert">
          {fileError}
        </p>
      )}
      <label>
        {t('admin.source.content')}
        <textarea
          className="admin-source-text"
          required
          rows={16}
          lang={sourceLocale}
          dir="auto"
          spellCheck
          value={value.content}
          onChange={(e) => {
            const content = e.target.value;
            onChange({
              ...value,
              content,
              ...(value.formatFrom === 'content' ? { format: guessFormat(content) } : {}),
            });
          }}
        />
      </label>
    </div>
  );
}
