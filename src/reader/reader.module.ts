import { Module } from '@nestjs/common';
import { LibraryService } from './library.service';
import { PublicArticlesController } from './public-articles.controller';
import { ReaderService } from './reader.service';

/**
 * The public reader site (/read/...) and the public JSON API (/api/public/...). The page routes
 * and CORS are Fastify-specific and registered from http-app.ts (reader.site.ts).
 */
@Module({
  controllers: [PublicArticlesController],
  providers: [ReaderService, LibraryService],
  exports: [ReaderService, LibraryService],
})
export class ReaderModule {}
