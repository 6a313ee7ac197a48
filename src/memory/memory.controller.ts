import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/auth.decorators';
import type { Actor } from '../auth/permissions';
import { ApiErrors } from '../common/api-errors';
import type { Page } from '../common/pagination';
import { TmMatchDto, TmMatchPageDto, TmSearchQuery } from './memory.dto';
import { MemoryService } from './memory.service';

@ApiTags('memory')
@ApiBearerAuth()
@Controller('api/tm')
export class MemoryController {
  constructor(private readonly memory: MemoryService) {}

  @Get()
  @ApiOperation({
    summary: 'Search the translation memory',
    description:
      'Any signed-in user; only the entries they may see: those of the projects they are a ' +
      'member of and of projects with `sharedMemory` (admins: all). Exact matches (100) and ' +
      'fuzzy matches above a threshold that rises for short texts, best first; a superseded ' +
      'translation ranks below the current one of the same score.',
  })
  @ApiOkResponse({ type: TmMatchPageDto })
  @ApiErrors(400, 401)
  search(@CurrentActor() actor: Actor, @Query() query: TmSearchQuery): Promise<Page<TmMatchDto>> {
    return this.memory.search(actor, query);
  }
}
