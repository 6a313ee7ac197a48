import { Foundation1764000000000 } from './1764000000000-Foundation';

/** Every migration in order. Add new ones here after `npm run migration:generate`. */
export const MIGRATIONS = [Foundation1764000000000];
