import { Module } from '@nestjs/common';
import { MemoryController } from './memory.controller';
import { MemoryService } from './memory.service';
import { TmxService } from './tmx.service';

/**
 * The translation memory. Depends on nothing but the database: translations (approvals) and
 * glossary (suggestions) import it, never the other way round.
 */
@Module({
  controllers: [MemoryController],
  providers: [MemoryService, TmxService],
  exports: [MemoryService, TmxService],
})
export class MemoryModule {}
