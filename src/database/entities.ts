import { ApiToken } from '../auth/api-token.entity';
import { AuthSession } from '../auth/auth-session.entity';
import { User } from '../auth/user.entity';
import { OutboxEvent } from '../jobs/outbox-event.entity';
import { ProcessedEvent } from '../jobs/processed-event.entity';
import { Membership } from '../projects/membership.entity';
import { ProjectLocale } from '../projects/project-locale.entity';
import { Project } from '../projects/project.entity';

/** Every entity, listed once: the app and the migration CLI share this list. */
export const ENTITIES = [
  User,
  ApiToken,
  AuthSession,
  Project,
  ProjectLocale,
  Membership,
  OutboxEvent,
  ProcessedEvent,
];
