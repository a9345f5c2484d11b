import { Controller, Get, Redirect } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

/** Where the reports are read now: the console's page, signed in as a person. */
export const REPORTS_PAGE = '/console/reports';

/** `/dashboard`, where the reports used to be: bookmarks and wall screens land on the console's reports. */
@ApiExcludeController()
@Controller('dashboard')
export class DashboardController {
  @Get()
  @Redirect(REPORTS_PAGE, 302)
  show(): void {}
}
