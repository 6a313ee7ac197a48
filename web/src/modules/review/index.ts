export { ReviewActions } from './components/ReviewActions';
export { BatchApprove } from './components/BatchApprove';
export { reviewSegment, reviewBatch, type BatchResult, type ReviewOutcome } from './api';
export { localeRights, approveBlock, batchApprovable, type LocaleRights } from './utils/roles';
