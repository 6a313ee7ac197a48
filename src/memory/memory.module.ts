import { Module } from '@nestjs/common';
import { MemoryController } from './memory.controller';
import { MemoryService } from './memory.service';

/**
 * The translation memory. Depends on nothing but the database: translations (approvals) and
 * glossary (suggestions) import it, never the other way round.
 */
@Module({
  controllers: [MemoryController],
  providers: [MemoryService],
  exports: [MemoryService],
})
export class MemoryModule {}
