import { Module } from '@nestjs/common';
import { MachineTranslationModule } from '../machine-translation/machine-translation.module';
import { MemoryModule } from '../memory/memory.module';
import { ProjectsModule } from '../projects/projects.module';
import { GlossaryController } from './glossary.controller';
import { GlossaryService } from './glossary.service';
import { SuggestionsController } from './suggestions.controller';
import { SuggestionsService } from './suggestions.service';

/**
 * Project glossaries and per-segment suggestions. Depends on projects only; articles (change
 * risk) and translations (the GLOSSARY check on save) import it, never the other way round.
 */
@Module({
  imports: [ProjectsModule, MachineTranslationModule, MemoryModule],
  controllers: [GlossaryController, SuggestionsController],
  providers: [GlossaryService, SuggestionsService],
  exports: [GlossaryService],
})
export class GlossaryModule {}
