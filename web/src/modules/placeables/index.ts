export { CodedText, CodeChip, DiffText, type Highlight } from './components/CodedText';
export {
  scan,
  sourceCodes,
  insertCode,
  insertText,
  protectCodes,
  codeDeletionRange,
  type SourceCode,
  type Edit,
} from './utils/codes';
export { diffWords, hasChanges, type DiffOp } from './utils/diff';
