import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import type { UserRole } from './user.entity';

const trimLower = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class LoginDto {
  @ApiProperty({ example: 'admin@localhost' })
  @Transform(trimLower)
  @IsString()
  @IsNotEmpty()
  @MaxLength(320)
  email!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;

  @ApiPropertyOptional({
    description:
      'The web app asks for a browser session: an HttpOnly cookie that POST /api/auth/refresh trades for a new access token',
  })
  @IsOptional()
  @IsBoolean()
  session?: boolean;
}

export class CreateTokenDto {
  @ApiProperty({ example: 'ci-export' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'ana@example.org' })
  @Transform(trimLower)
  @IsEmail({ require_tld: false })
  @MaxLength(320)
  email!: string;

  @ApiProperty({ example: 'Ana Ruiz' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @MinLength(8)
  @MaxLength(1024)
  password!: string;

  @ApiPropertyOptional({ enum: ['admin', 'member'], default: 'member' })
  @IsOptional()
  @IsIn(['admin', 'member'])
  role?: UserRole;
}

export class UserDto {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['admin', 'member'] }) role!: UserRole;
  @ApiProperty() active!: boolean;
  @ApiProperty() createdAt!: Date;
}

export class MembershipRefDto {
  @ApiProperty({ example: 'health-library' }) project!: string;
  @ApiProperty({ example: 'es' }) locale!: string;
  @ApiProperty({ enum: ['translator', 'reviewer'] }) role!: string;
}

export class MeDto {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['admin', 'member'] }) role!: UserRole;
  @ApiProperty({ type: [MembershipRefDto] }) memberships!: MembershipRefDto[];
}

export class LoginResponseDto {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ type: UserDto }) user!: UserDto;
}

export class TokenCreatedDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Shown once; only its hash is stored' }) token!: string;
}

export class TokenDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({
    type: Date,
    nullable: true,
    description: 'When the token last authenticated a request (to the minute)',
  })
  lastUsedAt!: Date | null;
}

export function toUserDto(user: {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  active: boolean;
  createdAt: Date;
}): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    active: user.active,
    createdAt: user.createdAt,
  };
}
