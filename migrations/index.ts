import { Foundation1764000000000 } from './1764000000000-Foundation';
import { Content1764000000001 } from './1764000000001-Content';
import { Tasks1764000000002 } from './1764000000002-Tasks';
import { Glossary1764000000003 } from './1764000000003-Glossary';
import { OutboxPolling1764000000004 } from './1764000000004-OutboxPolling';
import { LocaleStateCounts1764000000017 } from './1764000000017-LocaleStateCounts';

/** Every migration in order. Add new ones here after `npm run migration:generate`. */
export const MIGRATIONS = [
  Foundation1764000000000,
  Content1764000000001,
  Tasks1764000000002,
  Glossary1764000000003,
  OutboxPolling1764000000004,
  LocaleStateCounts1764000000017,
];
