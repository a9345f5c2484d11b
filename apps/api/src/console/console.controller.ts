import { Controller, Get, NotFoundException, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CONSOLE_SECURITY_HEADERS, ConsoleFiles } from './console-files';

const PREFIX = '/console';

/**
 * The console's page and files at `/console` and below. Public, as the files hold no data: every
 * figure comes from `/api/v1` with the person's session.
 */
@ApiExcludeController()
@Controller('console')
export class ConsoleController {
  constructor(private readonly files: ConsoleFiles) {}

  @Get()
  home(@Req() req: Request, @Res() res: Response): void {
    this.send(req, res);
  }

  @Get('*path')
  any(@Req() req: Request, @Res() res: Response): void {
    this.send(req, res);
  }

  private send(req: Request, res: Response): void {
    const relative = req.path.slice(PREFIX.length).replace(/^\/+/, '');
    const file = this.files.resolve(relative);
    if (file.kind === 'notBuilt') throw new ServiceUnavailableException('The console has not been built: run npm run build');
    if (file.kind === 'missing') throw new NotFoundException(`No console file ${relative}`);
    res.set({ ...CONSOLE_SECURITY_HEADERS, 'Cache-Control': file.cacheControl });
    res.sendFile(file.path, { cacheControl: false, dotfiles: 'deny' });
  }
}
