import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Action, Actor } from './permissions';

export const IS_PUBLIC = 'tms:public';
export const REQUIRED_ACTION = 'tms:action';

/** The route needs no token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/**
 * The route needs the actor to be allowed `action` in the scope taken from the route's
 * `:project` and `:locale` parameters. Routes without it need only a valid token.
 */
export const Can = (action: Action): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ACTION, action);

export type AuthenticatedRequest = FastifyRequest & { actor?: Actor };

/** The authenticated person making the request. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.actor) throw new Error('CurrentActor used on a public route');
  return request.actor;
});
