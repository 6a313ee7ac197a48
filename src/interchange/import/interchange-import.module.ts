import { Module } from '@nestjs/common';
import { ProjectsModule } from '../../projects/projects.module';
import { InterchangeImportController } from './interchange-import.controller';
import { InterchangeImportService } from './interchange-import.service';

/** Import of XLIFF 2.0, XLIFF 1.2 and PO files into the workflow (the translations module). */
@Module({
  imports: [ProjectsModule],
  controllers: [InterchangeImportController],
  providers: [InterchangeImportService],
  exports: [InterchangeImportService],
})
export class InterchangeImportModule {}
