import { DomainError } from '../common/domain-error';

/** 409 SOURCE_CHANGED: the segment id names English that is no longer in the current version. */
export function sourceChanged(
  projectSlug: string,
  articleSlug: string,
  locale: string,
  segmentId: string,
): DomainError {
  return new DomainError(
    'SOURCE_CHANGED',
    'The English of this segment changed since it was read; reload the segment list.',
    {
      segmentId,
      segments: `/api/projects/${projectSlug}/articles/${articleSlug}/locales/${locale}/segments`,
    },
  );
}
