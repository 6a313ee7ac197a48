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
import { INTERFACE_LANGUAGES, type InterfaceLanguage } from './interface-languages';
import type { UserRole } from './user.entity';

/** The same length rules wherever a password is set. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 1024;

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
      'true: also set the HttpOnly refresh cookie `tms_session` (Path=/api/auth) for a browser ' +
      'session; see POST /api/auth/refresh',
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

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;

  @ApiPropertyOptional({ enum: ['admin', 'member'], default: 'member' })
  @IsOptional()
  @IsIn(['admin', 'member'])
  role?: UserRole;
}

/** An admin's change to a user: any of the fields. */
export class UpdateUserDto {
  @ApiPropertyOptional({
    description: 'false deactivates the user: their tokens and sessions stop working at once',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ example: 'Ana Ruiz' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: ['admin', 'member'] })
  @IsOptional()
  @IsIn(['admin', 'member'])
  role?: UserRole;

  @ApiPropertyOptional({
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    description: "A new password (a reset): ends the user's browser sessions",
  })
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword!: string;
}

export class UpdateMeDto {
  @ApiPropertyOptional({ example: 'Ana Ruiz' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    enum: INTERFACE_LANGUAGES,
    nullable: true,
    description: "The web app's interface language; null lets the browser decide",
  })
  @IsOptional()
  @IsIn([...INTERFACE_LANGUAGES, null])
  interfaceLanguage?: InterfaceLanguage | null;
}

export class UserDto {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['admin', 'member'] }) role!: UserRole;
  @ApiProperty() active!: boolean;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({
    enum: INTERFACE_LANGUAGES,
    nullable: true,
    description: "The web app's interface language; null: the browser's",
  })
  interfaceLanguage!: InterfaceLanguage | null;
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
  @ApiProperty({
    enum: INTERFACE_LANGUAGES,
    nullable: true,
    description: "The web app's interface language; null: the browser's",
  })
  interfaceLanguage!: InterfaceLanguage | null;
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
  interfaceLanguage?: InterfaceLanguage | null;
}): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    active: user.active,
    createdAt: user.createdAt,
    interfaceLanguage: user.interfaceLanguage ?? null,
  };
}
