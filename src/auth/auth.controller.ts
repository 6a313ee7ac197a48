import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  CreateTokenDto,
  LoginDto,
  LoginResponseDto,
  MeDto,
  TokenCreatedDto,
  TokenDto,
} from './auth.dto';
import { CurrentActor, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import type { Actor } from './permissions';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  login(@Body() dto: LoginDto, @Req() request: FastifyRequest): Promise<LoginResponseDto> {
    return this.auth.login(dto.email, dto.password, request.ip);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeDto })
  me(@CurrentActor() actor: Actor): MeDto {
    return this.auth.me(actor);
  }

  @Post('tokens')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: TokenCreatedDto })
  createToken(@CurrentActor() actor: Actor, @Body() dto: CreateTokenDto): Promise<TokenCreatedDto> {
    return this.auth.createToken(actor, dto.name);
  }

  @Get('tokens')
  @ApiBearerAuth()
  @ApiOkResponse({ type: TokenDto, isArray: true })
  listTokens(@CurrentActor() actor: Actor): Promise<TokenDto[]> {
    return this.auth.listTokens(actor);
  }

  /** Revokes one of the caller's own tokens: it stops working at once. */
  @Delete('tokens/:id')
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiNoContentResponse()
  async revokeToken(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.auth.revokeToken(actor, id);
  }
}
