import { Module } from '@nestjs/common';
import { PublicArticlesController } from './public-articles.controller';
import { ReaderRoutes } from './reader.routes';
import { ReaderService } from './reader.service';

/** The public reader site (/read/...) and the public JSON API (/api/public/...). */
@Module({
  controllers: [PublicArticlesController],
  providers: [ReaderService, ReaderRoutes],
  exports: [ReaderService],
})
export class ReaderModule {}
