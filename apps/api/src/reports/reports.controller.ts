import { Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiV1Controller, Roles } from '@turbota/auth';
import { ReportsService } from '@turbota/reports';
import { parseOrThrow } from '@turbota/server';
import { factorsCsv, incidentsCsv, problemsCsv, scoreDistributionCsv, summaryCsv, trendCsv } from './report-csv';
import {
  FactorsQueryDoc,
  factorsQuerySchema,
  incidentsQuerySchema,
  ProblemsQueryDoc,
  problemsQuerySchema,
  ReportQueryDoc,
  SummaryQueryDoc,
  summaryQuerySchema,
  TrendQueryDoc,
  trendQuerySchema,
} from './reports.query';

/** JSON, or CSV when asked by `format=csv` or `Accept: text/csv`. */
function respond<T>(res: Response, format: string | undefined, accept: string | undefined, name: string, report: T, csv: (r: T) => string): T | string {
  if (format !== 'csv' && !(format === undefined && accept?.includes('text/csv'))) return report;
  res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  return csv(report);
}

@ApiV1Controller('reports', 'reports')
@Roles('viewer', 'supervisor')
@ApiProduces('application/json', 'text/csv')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('summary')
  @ApiOperation({ summary: 'NPS, CSAT and CES with n and 95% intervals, response rate, silent-adjusted NPS; optional cuts by groupBy' })
  @ApiQuery({ type: SummaryQueryDoc })
  @ApiOkResponse({ description: '`{ nps, csat, ces, responseRate, silentAdjustedNps, groupBy?, groups? }`' })
  async summary(@Query() query: unknown, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { format, groupBy, ...filters } = parseOrThrow(summaryQuerySchema, query);
    return respond(res, format, accept, 'summary', await this.reports.summary(filters, groupBy), summaryCsv);
  }

  @Get('trend')
  @ApiOperation({ summary: 'One score per day, week or month with its n and 95% interval' })
  @ApiQuery({ type: TrendQueryDoc })
  @ApiOkResponse({ description: '`{ metric, interval, points: [{ period, n, value, ci95 }] }`' })
  async trend(@Query() query: unknown, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { format, metric, interval, ...filters } = parseOrThrow(trendQuerySchema, query);
    return respond(res, format, accept, 'trend', await this.reports.trend(filters, metric, interval), trendCsv);
  }

  @Get('factors')
  @ApiOperation({ summary: 'Per factor: satisfaction index, importance (correlation with the integral score) and rank; shares of the reasons named' })
  @ApiQuery({ type: FactorsQueryDoc })
  @ApiOkResponse({ description: '`{ metric, factors: [...], reasons: [...] }`' })
  async factors(@Query() query: unknown, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { format, metric, ...filters } = parseOrThrow(factorsQuerySchema, query);
    return respond(res, format, accept, 'factors', await this.reports.factors(filters, metric), factorsCsv);
  }

  @Get('score-distribution')
  @ApiOperation({ summary: 'How many answers gave each score of a metric (NPS 0-10, CSAT 1-5, CES 1-7), zeros included' })
  @ApiQuery({ type: FactorsQueryDoc })
  @ApiOkResponse({ description: '`{ metric, n, scores: [{ score, count }] }`' })
  async scoreDistribution(@Query() query: unknown, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { format, metric, ...filters } = parseOrThrow(factorsQuerySchema, query);
    return respond(res, format, accept, 'score-distribution', await this.reports.scoreDistribution(filters, metric), scoreDistributionCsv);
  }

  @Get('incidents')
  @ApiOperation({ summary: 'Incidents created in the period: counts by status, SLA compliance, median minutes to acknowledge and to resolve, by priority' })
  @ApiQuery({ type: ReportQueryDoc })
  async incidents(@Query() query: unknown, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { format, ...filters } = parseOrThrow(incidentsQuerySchema, query);
    return respond(res, format, accept, 'incidents', await this.reports.incidents(filters), incidentsCsv);
  }

  @Get('problems')
  @ApiOperation({ summary: 'Problems detected in the period: by status and dimension, median days to fix, reasons behind most incidents' })
  @ApiQuery({ type: ProblemsQueryDoc })
  async problems(@Query() query: unknown, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { format, ...filters } = parseOrThrow(problemsQuerySchema, query);
    return respond(res, format, accept, 'problems', await this.reports.problems(filters), problemsCsv);
  }
}
