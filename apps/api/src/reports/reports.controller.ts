import { applyDecorators, Get, Headers, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { ApiV1Controller, Roles } from '@turbota/auth';
import { ReportsService } from '@turbota/reports';
import { openApiSchemaOf, ZodQuery, ZodResponse } from '@turbota/server';
import { factorsCsv, incidentsCsv, invitationsCsv, problemsCsv, scoreDistributionCsv, summaryCsv, trendCsv } from './report-csv';
import { factorsSchema, incidentsSchema, invitationsReportSchema, problemsSchema, scoreDistributionSchema, summarySchema, trendSchema } from './report.schemas';
import {
  type FactorsQuery,
  factorsQuerySchema,
  type IncidentsQuery,
  incidentsQuerySchema,
  type InvitationsQuery,
  invitationsQuerySchema,
  type ProblemsQuery,
  problemsQuerySchema,
  type SummaryQuery,
  summaryQuerySchema,
  type TrendQuery,
  trendQuerySchema,
} from './reports.query';

/**
 * A report's 200: JSON documented (and checked) by its schema, or the same figures as CSV. The
 * second entry replaces the one `ZodResponse` documents, which would give both media types the
 * JSON schema.
 */
function ReportResponse(schema: z.ZodType): MethodDecorator {
  return applyDecorators(
    ZodResponse(schema, { description: '' }),
    ApiOkResponse({
      description: 'JSON, or CSV with a header line on format=csv or Accept: text/csv',
      schema: undefined,
      content: { 'application/json': { schema: openApiSchemaOf(schema, 'output') }, 'text/csv': { schema: { type: 'string' } } },
    }),
  );
}

/** JSON, or CSV when asked by `format=csv` or `Accept: text/csv`. */
function respond<T>(res: Response, format: string | undefined, accept: string | undefined, name: string, report: T, csv: (r: T) => string): T | string {
  if (format !== 'csv' && !(format === undefined && accept?.includes('text/csv'))) return report;
  res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  return csv(report);
}

@ApiV1Controller('reports', 'reports')
@Roles('viewer', 'supervisor')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('summary')
  @ApiOperation({ summary: 'NPS, CSAT and CES with n and 95% intervals, response rate, silent-adjusted NPS; optional cuts by groupBy' })
  @ReportResponse(summarySchema)
  async summary(@ZodQuery(summaryQuerySchema) query: SummaryQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { format, groupBy, ...filters } = query;
    return respond(res, format, accept, 'summary', await this.reports.summary(filters, groupBy), summaryCsv);
  }

  @Get('invitations')
  @ApiOperation({
    summary: 'Per invitation channel (sms, email, a messenger): response rate and NPS with 95% intervals, where links were answered, and the cost per answered survey under INVITATION_PRICES',
  })
  @ReportResponse(invitationsReportSchema)
  async invitations(@ZodQuery(invitationsQuerySchema) query: InvitationsQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { format, ...filters } = query;
    return respond(res, format, accept, 'invitations', await this.reports.invitations(filters), invitationsCsv);
  }

  @Get('trend')
  @ApiOperation({ summary: 'One score per day, week or month with its n and 95% interval' })
  @ReportResponse(trendSchema)
  async trend(@ZodQuery(trendQuerySchema) query: TrendQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { format, metric, interval, ...filters } = query;
    return respond(res, format, accept, 'trend', await this.reports.trend(filters, metric, interval), trendCsv);
  }

  @Get('factors')
  @ApiOperation({ summary: 'Per factor: satisfaction index, importance (correlation with the integral score) and rank; shares of the reasons named' })
  @ReportResponse(factorsSchema)
  async factors(@ZodQuery(factorsQuerySchema) query: FactorsQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { format, metric, ...filters } = query;
    return respond(res, format, accept, 'factors', await this.reports.factors(filters, metric), factorsCsv);
  }

  @Get('score-distribution')
  @ApiOperation({ summary: 'How many answers gave each score of a metric (NPS 0-10, CSAT 1-5, CES 1-7), zeros included' })
  @ReportResponse(scoreDistributionSchema)
  async scoreDistribution(@ZodQuery(factorsQuerySchema) query: FactorsQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { format, metric, ...filters } = query;
    return respond(res, format, accept, 'score-distribution', await this.reports.scoreDistribution(filters, metric), scoreDistributionCsv);
  }

  @Get('incidents')
  @ApiOperation({ summary: 'Incidents created in the period: counts by status, SLA compliance, median minutes to acknowledge and to resolve, by priority' })
  @ReportResponse(incidentsSchema)
  async incidents(@ZodQuery(incidentsQuerySchema) query: IncidentsQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { format, ...filters } = query;
    return respond(res, format, accept, 'incidents', await this.reports.incidents(filters), incidentsCsv);
  }

  @Get('problems')
  @ApiOperation({ summary: 'Problems detected in the period: by status and dimension, median days to fix, reasons behind most incidents' })
  @ReportResponse(problemsSchema)
  async problems(@ZodQuery(problemsQuerySchema) query: ProblemsQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { format, ...filters } = query;
    return respond(res, format, accept, 'problems', await this.reports.problems(filters), problemsCsv);
  }
}
