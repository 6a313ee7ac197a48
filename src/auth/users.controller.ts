import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors';
import { CreateUserDto, UpdateUserDto, UserDto } from './auth.dto';
import { Can } from './auth.decorators';
import { AuthService } from './auth.service';
import { Action } from './permissions';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly auth: AuthService) {}

  @Post()
  @Can(Action.ManageUsers)
  @ApiCreatedResponse({ type: UserDto })
  @ApiErrors(400, 401, 403, 'EMAIL_TAKEN')
  create(@Body() dto: CreateUserDto): Promise<UserDto> {
    return this.auth.createUser(dto);
  }

  @Get()
  @Can(Action.ManageUsers)
  @ApiOkResponse({ type: [UserDto] })
  @ApiErrors(401, 403)
  list(): Promise<UserDto[]> {
    return this.auth.listUsers();
  }

  /** Deactivates or reactivates a user, renames them, changes their role or resets their password. */
  @Patch(':id')
  @Can(Action.ManageUsers)
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(400, 401, 403, 404, 'INVALID_STATE')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.auth.updateUser(id, dto);
  }
}
