import { Foundation1764000000000 } from './1764000000000-Foundation';
import { Content1764000000001 } from './1764000000001-Content';
import { Tasks1764000000002 } from './1764000000002-Tasks';
import { Glossary1764000000003 } from './1764000000003-Glossary';
import { OutboxPolling1764000000004 } from './1764000000004-OutboxPolling';
import { JobsNeverDropped1764000000013 } from './1764000000013-JobsNeverDropped';
import { PublicationCorrections1764000000015 } from './1764000000015-PublicationCorrections';
import { ReviewLineage1764000000016 } from './1764000000016-ReviewLineage';
import { LocaleStateCounts1764000000017 } from './1764000000017-LocaleStateCounts';
import { TranslationsStateIndex1764000000018 } from './1764000000018-TranslationsStateIndex';
import { BrowserSessions1764000000019 } from './1764000000019-BrowserSessions';
import { SegmentWords1764000000020 } from './1764000000020-SegmentWords';
import { TranslationMemory1764000000021 } from './1764000000021-TranslationMemory';
import { MachineTranslation1764000000022 } from './1764000000022-MachineTranslation';
import { GlossaryCaseSensitive1764000000023 } from './1764000000023-GlossaryCaseSensitive';
import { TmImports1764000000025 } from './1764000000025-TmImports';

/** Every migration in order. Add new ones here after `npm run migration:generate`. */
export const MIGRATIONS = [
  Foundation1764000000000,
  Content1764000000001,
  Tasks1764000000002,
  Glossary1764000000003,
  OutboxPolling1764000000004,
  JobsNeverDropped1764000000013,
  PublicationCorrections1764000000015,
  ReviewLineage1764000000016,
  LocaleStateCounts1764000000017,
  TranslationsStateIndex1764000000018,
  BrowserSessions1764000000019,
  SegmentWords1764000000020,
  TranslationMemory1764000000021,
  MachineTranslation1764000000022,
  GlossaryCaseSensitive1764000000023,
  TmImports1764000000025,
];
