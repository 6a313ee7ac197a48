import { ApiProperty } from '@nestjs/swagger';

export class LocaleDto {
  @ApiProperty({ example: 'zh-Hans' }) code!: string;
  @ApiProperty({ example: 'Simplified Chinese' }) name!: string;
  @ApiProperty({ example: '简体中文' }) nativeName!: string;
  @ApiProperty({ enum: ['ltr', 'rtl'] }) direction!: 'ltr' | 'rtl';
}
