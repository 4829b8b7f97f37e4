import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { SkippedEvents } from '../store/skipped-events';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin')
export class SkippedEventsController {
  constructor(private readonly skipped: SkippedEvents) {}

  /** Stored events that no reader uses because they are not what their type says, with the reason. */
  @Get('skipped-events')
  @Roles('admin')
  list() {
    return this.skipped.list();
  }
}
