import { Body, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiV1Controller, Roles } from '@turbota/auth';
import { PointService } from '@turbota/points';
import { UUID_PARAM } from '../common-params';
import { ID_OR_CODE, PointDto, PointInputDto, QR_QUERY_DOCS } from './point.dto';

@ApiV1Controller('points', 'points of service')
export class PointsController {
  constructor(private readonly points: PointService) {}

  @Post()
  @ApiOperation({ summary: 'Create a point of service (admin)' })
  @ApiBody({ type: PointInputDto })
  @ApiCreatedResponse({ type: PointDto })
  @ApiBadRequestResponse({ description: 'A field is wrong, e.g. policyId names no active survey policy' })
  @ApiConflictResponse({ description: 'A point with that code exists' })
  create(@Body() body: unknown) {
    return this.points.create(body);
  }

  @Get()
  @Roles('viewer', 'supervisor')
  @ApiOkResponse({ type: [PointDto] })
  list() {
    return this.points.list();
  }

  @Get(':id')
  @Roles('viewer', 'supervisor')
  @ApiParam(ID_OR_CODE)
  @ApiOkResponse({ type: PointDto })
  @ApiNotFoundResponse({ description: 'No point has that id or code' })
  get(@Param('id') idOrCode: string) {
    return this.points.get(idOrCode);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the fields given (admin); answers and contacts keep the code they were given' })
  @ApiBody({ type: PointInputDto })
  @ApiOkResponse({ type: PointDto })
  @ApiBadRequestResponse({ description: 'A field is wrong, e.g. policyId names no active survey policy' })
  @ApiConflictResponse({ description: 'Another point has that code' })
  update(@Param('id', UUID_PARAM) id: string, @Body() body: unknown) {
    return this.points.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a point of service (admin); its code stays on the answers given there' })
  @ApiNoContentResponse({ description: 'Removed' })
  remove(@Param('id', UUID_PARAM) id: string) {
    return this.points.remove(id);
  }

  @Get(':id/qr')
  @Roles('viewer', 'supervisor')
  @ApiOperation({
    summary: "A QR code to print at the point: its web chat link or its Telegram or Viber deep link, each naming the point",
    description: 'Without PUBLIC_URL the web chat link starts with the address this request came to (and the log says so once).',
  })
  @ApiParam(ID_OR_CODE)
  @ApiQuery(QR_QUERY_DOCS.target)
  @ApiQuery(QR_QUERY_DOCS.format)
  @ApiProduces('image/svg+xml', 'image/png')
  @ApiOkResponse({ description: 'The image' })
  @ApiNotFoundResponse({ description: 'No point has that id or code' })
  @ApiConflictResponse({ description: 'The target is not configured (the Telegram or Viber channel is off)' })
  async qr(@Param('id') idOrCode: string, @Query() query: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const image = await this.points.qr(idOrCode, query, { protocol: req.protocol, host: req.get('host') });
    res.type(image.contentType).setHeader('Content-Disposition', `inline; filename="${image.fileName}"`);
    res.send(image.body);
  }
}
