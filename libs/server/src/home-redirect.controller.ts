import { Controller, Get, Redirect, Type } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

/** A controller that answers `GET /` with a 302 to `target`, so a first visit lands on a page rather than a JSON 404. */
export function homeRedirectController(target: string): Type {
  @ApiExcludeController()
  @Controller()
  class HomeRedirectController {
    @Get()
    @Redirect(target, 302)
    home(): void {}
  }
  return HomeRedirectController;
}
