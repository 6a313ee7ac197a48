import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { MachineTranslationController } from './machine-translation.controller';
import { MachineTranslationService } from './machine-translation.service';

/**
 * Machine translation behind one small provider interface (adapters.ts), configured per project
 * by an admin. Depends on projects only; suggestions (glossary module) import it.
 */
@Module({
  imports: [ProjectsModule],
  controllers: [MachineTranslationController],
  providers: [MachineTranslationService],
  exports: [MachineTranslationService],
})
export class MachineTranslationModule {}
