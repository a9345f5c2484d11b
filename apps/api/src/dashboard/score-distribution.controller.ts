import { Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiV1Controller, Roles } from '@turbota/auth';
import { toCsv } from '@turbota/reports';
import { parseOrThrow } from '@turbota/server';
import { FactorsQueryDoc, factorsQuerySchema } from '../reports/reports.query';
import { ScoreDistribution, ScoreDistributionRepository } from './score-distribution.repository';

/** The score histogram the dashboard draws: how many answers gave each score, under the reports' filters. */
@ApiV1Controller('dashboard', 'reports')
@Roles('viewer', 'supervisor')
@ApiProduces('application/json', 'text/csv')
export class ScoreDistributionController {
  constructor(private readonly distributions: ScoreDistributionRepository) {}

  @Get('score-distribution')
  @ApiOperation({ summary: 'How many answers gave each score of a metric (NPS 0-10, CSAT 1-5, CES 1-7), zeros included' })
  @ApiQuery({ type: FactorsQueryDoc })
  @ApiOkResponse({ description: '`{ metric, n, scores: [{ score, count }] }`' })
  async distribution(@Query() query: unknown, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response): Promise<ScoreDistribution | string> {
    const { format, metric, ...filters } = parseOrThrow(factorsQuerySchema, query);
    const found = await this.distributions.distribution(filters, metric);
    if (format !== 'csv' && !(format === undefined && accept?.includes('text/csv'))) return found;
    res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', 'attachment; filename="score-distribution.csv"');
    return toCsv(['metric', 'score', 'count'], found.scores.map((s) => [metric, s.score, s.count]));
  }
}
