import { Controller, Get, Headers, Inject, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiKeyService } from '@turbota/auth';
import { isLocale, pickLocale } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import type { ApiRole } from '@turbota/persistence';
import { DASHBOARD_CSP, DASHBOARD_SECURITY_HEADERS, DashboardPage } from './dashboard-page';

// The roles the reports API answers; an integration key signs nobody in.
const REPORT_ROLES: readonly ApiRole[] = ['admin', 'supervisor', 'viewer'];

/**
 * The dashboard page and its assets. The page is public: it holds no data, and every figure
 * it shows comes from the reports API with the viewer's key.
 */
@ApiExcludeController()
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly page: DashboardPage,
    private readonly keys: ApiKeyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async show(
    @Query('lang') lang: string | undefined,
    @Headers('accept-language') accept: string | undefined,
    @Headers('authorization') authorization: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const locale = isLocale(lang) ? lang : pickLocale([accept], this.config.defaultLocale);
    const headerAuth = authorization === undefined ? undefined : await this.acceptsForReports(authorization);
    res.set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': DASHBOARD_CSP, 'Cache-Control': 'no-store', Vary: 'Authorization, Accept-Language', ...DASHBOARD_SECURITY_HEADERS });
    res.send(this.page.render({ locale, headerAuth: headerAuth === true, headerRejected: headerAuth === false }));
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() res: Response): void {
    const asset = this.page.asset(name);
    if (asset === undefined) throw new NotFoundException(`No dashboard asset ${name}`);
    const immutable = asset.maxAgeSeconds > 86_400 ? ', immutable' : '';
    res.set({ 'Content-Type': asset.type, 'Cache-Control': `public, max-age=${asset.maxAgeSeconds}${immutable}`, 'Content-Security-Policy': DASHBOARD_CSP, ...DASHBOARD_SECURITY_HEADERS });
    res.send(asset.body);
  }

  private async acceptsForReports(authorization: string): Promise<boolean> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const principal = match ? await this.keys.authenticate(match[1]) : null;
    return principal !== null && REPORT_ROLES.includes(principal.role);
  }
}
