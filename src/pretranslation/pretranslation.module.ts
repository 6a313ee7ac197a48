import { Module } from '@nestjs/common';
import { GlossaryModule } from '../glossary/glossary.module';
import { MachineTranslationModule } from '../machine-translation/machine-translation.module';
import { MemoryModule } from '../memory/memory.module';
import { ProjectsModule } from '../projects/projects.module';
import { PretranslationController } from './pretranslation.controller';
import { PretranslationService } from './pretranslation.service';

/**
 * Pre-translation from the memory and machine translation. Uses memory, machine translation,
 * glossary (checks) and translations (the draft write) through their exported services;
 * articles calls it when a source version is made.
 */
@Module({
  imports: [ProjectsModule, MemoryModule, MachineTranslationModule, GlossaryModule],
  controllers: [PretranslationController],
  providers: [PretranslationService],
  exports: [PretranslationService],
})
export class PretranslationModule {}
