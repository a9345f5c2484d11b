import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { HealthService } from './health.service';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsService } from './metrics.service';
import { OpsController } from './ops.controller';

/** `/health`, `/metrics` and the request metrics behind them. */
@Global()
@Module({
  controllers: [OpsController],
  providers: [MetricsService, HealthService],
  exports: [MetricsService],
})
export class ObservabilityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
