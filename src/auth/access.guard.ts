import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../common/domain-error';
import { AuthenticatedRequest, IS_PUBLIC, REQUIRED_ACTION } from './auth.decorators';
import { AuthService } from './auth.service';
import { Action, can } from './permissions';

/**
 * The one place where requests are authenticated and authorized. Every route needs a valid
 * bearer token unless marked @Public(); a route marked @Can(action) also needs `can()` to agree
 * for the route's :project and :locale.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new DomainError('UNAUTHORIZED', 'A bearer token is required.');
    const actor = await this.auth.authenticate(match[1]);
    if (!actor)
      throw new DomainError(
        'UNAUTHORIZED',
        'The token is invalid or expired, or the user is deactivated.',
      );
    request.actor = actor;

    const action = this.reflector.getAllAndOverride<Action | undefined>(REQUIRED_ACTION, targets);
    if (action === undefined) return true;
    const params = (request.params ?? {}) as Record<string, string | undefined>;
    if (!can(actor, action, { projectSlug: params.project, locale: params.locale })) {
      throw new DomainError('FORBIDDEN', `You are not allowed to do this (${action}).`);
    }
    return true;
  }
}
