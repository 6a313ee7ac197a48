export { SuggestionsPanel } from './components/SuggestionsPanel';
export { suggestionKeys, numberedTargets, type Suggestions } from './api';
export { findTerms, termRanges, type TermRange } from './utils/glossary';
