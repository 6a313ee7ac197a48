import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { CreateUserDto, UserDto } from './auth.dto';
import { Can } from './auth.decorators';
import { AuthService } from './auth.service';
import { Action } from './permissions';

class UpdateUserDto {
  @ApiProperty({ description: 'false deactivates the user: their tokens stop working at once' })
  @IsBoolean()
  active!: boolean;
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly auth: AuthService) {}

  @Post()
  @Can(Action.ManageUsers)
  @ApiCreatedResponse({ type: UserDto })
  create(@Body() dto: CreateUserDto): Promise<UserDto> {
    return this.auth.createUser(dto);
  }

  @Get()
  @Can(Action.ManageUsers)
  @ApiOkResponse({ type: [UserDto] })
  list(): Promise<UserDto[]> {
    return this.auth.listUsers();
  }

  @Patch(':id')
  @Can(Action.ManageUsers)
  @ApiOkResponse({ type: UserDto })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.auth.setActive(id, dto.active);
  }
}
