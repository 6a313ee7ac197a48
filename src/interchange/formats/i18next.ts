import type { ChunkStream, InterchangeFile } from './unit';

/**
 * i18next JSON (format v4): one flat object, segment ids as keys, targets as values in our
 * coded notation. Untranslated segments are left out, so i18next falls back to its fallback
 * language. Segment ids are hex, so neither i18next's key separator `.` nor its namespace
 * separator `:` can split them.
 *
 * Literal braces are doubled in our notation, which i18next would read as an interpolation:
 * a consumer reads these values with t(id, { skipInterpolation: true }).
 */
export async function* writeI18next(file: InterchangeFile): ChunkStream {
  let first = true;
  yield '{';
  for await (const unit of file.units) {
    if (unit.target === null || unit.target === '') continue;
    yield `${first ? '' : ','}\n  ${JSON.stringify(unit.id)}: ${JSON.stringify(unit.target)}`;
    first = false;
  }
  yield first ? '}\n' : '\n}\n';
}
