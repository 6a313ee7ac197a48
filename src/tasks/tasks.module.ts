import { Module } from '@nestjs/common';
import { RoutingService } from './routing.service';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

/** Tasks: opened, updated and assigned from outbox events; the inbox and reassignment API. */
@Module({
  controllers: [TasksController],
  providers: [RoutingService, TasksService],
  exports: [RoutingService, TasksService],
})
export class TasksModule {}
