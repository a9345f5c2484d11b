import { Controller, Get, Header, Headers, Inject, Res, UnauthorizedException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { sameSecret } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { HealthReport, HealthService, ReadinessReport } from './health.service';
import { MetricsService } from './metrics.service';

@ApiTags('operations')
@Controller()
export class OpsController {
  constructor(
    private readonly health: HealthService,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('health')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Liveness and readiness: the process answers and the database does too' })
  @ApiOkResponse({ description: 'The database answered' })
  @ApiServiceUnavailableResponse({ description: 'The database did not answer' })
  async getHealth(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const report = await this.health.check();
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }

  @Get('health/live')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Liveness: the process runs and its event loop answers (the database is not asked); restart the process when this fails' })
  @ApiOkResponse({ description: 'The process answers' })
  getLive(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('health/ready')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Readiness: the database answers and the process is not shutting down; send traffic only while this is 200' })
  @ApiOkResponse({ description: 'The database answered and the process is not draining' })
  @ApiServiceUnavailableResponse({ description: 'The database did not answer, or the process is draining after SIGTERM (`status: draining`)' })
  async getReady(@Res({ passthrough: true }) res: Response): Promise<ReadinessReport> {
    const report = await this.health.readiness();
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }

  @Get('metrics')
  @ApiOperation({ summary: 'Prometheus metrics of this process; with METRICS_TOKEN set, only for `Authorization: Bearer <METRICS_TOKEN>`' })
  @ApiUnauthorizedResponse({ description: 'METRICS_TOKEN is set and the request does not carry it' })
  async getMetrics(@Headers('authorization') authorization: string | undefined, @Res() res: Response): Promise<void> {
    const token = this.config.metricsToken;
    if (token !== undefined && !sameSecret(authorization ?? '', `Bearer ${token}`)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new UnauthorizedException('GET /metrics needs the header Authorization: Bearer <METRICS_TOKEN>');
    }
    res.setHeader('Content-Type', this.metrics.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(await this.metrics.render());
  }
}
