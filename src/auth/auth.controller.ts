import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrors } from '../common/api-errors';
import { DomainError } from '../common/domain-error';
import {
  ChangePasswordDto,
  CreateTokenDto,
  LoginDto,
  LoginResponseDto,
  MeDto,
  TokenCreatedDto,
  TokenDto,
  UpdateMeDto,
} from './auth.dto';
import { CurrentActor, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import type { Actor } from './permissions';
import {
  clearedSessionCookie,
  CSRF_HEADER,
  CSRF_HEADER_VALUE,
  readCookie,
  SESSION_COOKIE,
  sessionCookie,
} from './session-cookie';
import type { IssuedSession } from './sessions.service';

const sessionToken = (request: FastifyRequest): string | null =>
  readCookie(request.headers.cookie, SESSION_COOKIE);

/** Over https, directly or (with TRUST_PROXY) behind a proxy that says so. */
const isHttps = (request: FastifyRequest): boolean => request.protocol === 'https';

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, session: IssuedSession) {
  const seconds = (session.expiresAt.getTime() - Date.now()) / 1000;
  void reply
    .header('set-cookie', sessionCookie(session.token, seconds, isHttps(request)))
    .header('cache-control', 'no-store');
}

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    description:
      'With `session: true` the answer also sets the HttpOnly refresh cookie `tms_session` ' +
      '(Path=/api/auth, SameSite=Strict; Secure over https): the browser app keeps the access ' +
      'token in memory only and gets a new one from POST /api/auth/refresh.',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors(400, 'INVALID_CREDENTIALS', 'TOO_MANY_REQUESTS')
  async login(
    @Body() dto: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponseDto> {
    const { session, ...body } = await this.auth.login(
      dto.email,
      dto.password,
      request.ip,
      dto.session ? { userAgent: request.headers['user-agent'] } : undefined,
    );
    if (session) setSessionCookie(request, reply, session);
    return body;
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    description:
      'A new access token for the browser session of the `tms_session` cookie, which is ' +
      'replaced by a new one (rotation). Needs the header `X-Requested-With: tms-web`. A ' +
      'replaced cookie presented again ends the session. Without a valid session: 401 ' +
      'SESSION_EXPIRED. Idle sessions end after 12 hours, all sessions 30 days after sign-in.',
  })
  @ApiHeader({ name: 'X-Requested-With', required: true, schema: { enum: [CSRF_HEADER_VALUE] } })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors('SESSION_EXPIRED')
  async refresh(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponseDto> {
    if (request.headers[CSRF_HEADER] !== CSRF_HEADER_VALUE) {
      throw new DomainError(
        'SESSION_EXPIRED',
        `A refresh needs the header X-Requested-With: ${CSRF_HEADER_VALUE}.`,
      );
    }
    const refreshed = await this.auth.refresh(sessionToken(request)).catch((error: unknown) => {
      // An ended session's cookie is cleared, so the browser stops sending it.
      void reply.header('set-cookie', clearedSessionCookie(isHttps(request)));
      throw error;
    });
    const { session, ...body } = refreshed;
    setSessionCookie(request, reply, session);
    return body;
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    description: 'Ends the browser session of the `tms_session` cookie and clears the cookie.',
  })
  @ApiNoContentResponse()
  async logout(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(sessionToken(request));
    void reply.header('set-cookie', clearedSessionCookie(isHttps(request)));
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeDto })
  @ApiErrors(401)
  me(@CurrentActor() actor: Actor): MeDto {
    return this.auth.me(actor);
  }

  @Patch('me')
  @ApiBearerAuth()
  @ApiOperation({ description: "Changes the caller's own name or interface language." })
  @ApiOkResponse({ type: MeDto })
  @ApiErrors(400, 401)
  updateMe(@CurrentActor() actor: Actor, @Body() dto: UpdateMeDto): Promise<MeDto> {
    return this.auth.updateMe(actor, dto);
  }

  @Post('password')
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({
    description:
      "Changes the caller's own password. The caller's other browser sessions end; the one " +
      'whose cookie comes with the request stays. Failed attempts count like failed logins.',
  })
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 'WRONG_PASSWORD', 'TOO_MANY_REQUESTS')
  async changePassword(
    @CurrentActor() actor: Actor,
    @Body() dto: ChangePasswordDto,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.auth.changePassword(
      actor,
      dto.currentPassword,
      dto.newPassword,
      request.ip,
      sessionToken(request),
    );
  }

  @Post('tokens')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: TokenCreatedDto })
  @ApiErrors(400, 401)
  createToken(@CurrentActor() actor: Actor, @Body() dto: CreateTokenDto): Promise<TokenCreatedDto> {
    return this.auth.createToken(actor, dto.name);
  }

  @Get('tokens')
  @ApiBearerAuth()
  @ApiOkResponse({ type: TokenDto, isArray: true })
  @ApiErrors(401)
  listTokens(@CurrentActor() actor: Actor): Promise<TokenDto[]> {
    return this.auth.listTokens(actor);
  }

  /** Revokes one of the caller's own tokens: it stops working at once. */
  @Delete('tokens/:id')
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 404)
  async revokeToken(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.auth.revokeToken(actor, id);
  }
}
