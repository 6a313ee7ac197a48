import { Module } from '@nestjs/common';
import { LibraryService } from './library.service';
import { PublicArticlesController } from './public-articles.controller';
import { ReaderInvalidation } from './reader-invalidation';
import { ReaderService } from './reader.service';

/**
 * The public reader site (/read/...) and the public JSON API (/api/public/...). The page routes
 * and CORS are Fastify-specific and registered from http-app.ts (reader.site.ts); the views
 * every process caches are dropped on NOTIFY tms_reader (reader-invalidation.ts).
 */
@Module({
  controllers: [PublicArticlesController],
  providers: [ReaderService, LibraryService, ReaderInvalidation],
  exports: [ReaderService, LibraryService],
})
export class ReaderModule {}
