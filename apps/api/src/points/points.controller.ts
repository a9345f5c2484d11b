import { Delete, Get, HttpCode, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiV1Controller, auditActorOf, CurrentPrincipal, type Principal, Roles } from '@turbota/auth';
import { type PointChange, pointChangeSchema, type PointInput, pointInputSchema, PointService, type QrQuery, qrQuerySchema } from '@turbota/points';
import { ZodBody, ZodQuery, ZodResponse } from '@turbota/server';
import { UUID_PARAM } from '../common-params';
import { ID_OR_CODE, pointLinkListSchema, pointListSchema, pointSchema } from './point.schemas';

@ApiV1Controller('points', 'points of service')
export class PointsController {
  constructor(private readonly points: PointService) {}

  @Post()
  @ApiOperation({ summary: 'Create a point of service (admin)' })
  @ZodResponse(pointSchema, { status: 201, description: 'Created' })
  @ApiBadRequestResponse({ description: 'A field is wrong, e.g. policyId names no active survey policy' })
  @ApiConflictResponse({ description: 'A point with that code exists' })
  create(@ZodBody(pointInputSchema) input: PointInput, @CurrentPrincipal() principal: Principal) {
    return this.points.create(input, auditActorOf(principal));
  }

  @Get()
  @Roles('viewer', 'supervisor')
  @ZodResponse(pointListSchema)
  list() {
    return this.points.list();
  }

  @Get(':id')
  @Roles('viewer', 'supervisor')
  @ApiParam(ID_OR_CODE)
  @ZodResponse(pointSchema)
  @ApiNotFoundResponse({ description: 'No point has that id or code' })
  get(@Param('id') idOrCode: string) {
    return this.points.get(idOrCode);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the fields given (admin); answers and contacts keep the code they were given' })
  @ZodResponse(pointSchema)
  @ApiBadRequestResponse({ description: 'A field is wrong, e.g. policyId names no active survey policy' })
  @ApiConflictResponse({ description: 'Another point has that code' })
  update(@Param('id', UUID_PARAM) id: string, @ZodBody(pointChangeSchema) change: PointChange, @CurrentPrincipal() principal: Principal) {
    return this.points.update(id, change, auditActorOf(principal));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a point of service (admin); its code stays on the answers given there' })
  @ApiNoContentResponse({ description: 'Removed' })
  remove(@Param('id', UUID_PARAM) id: string, @CurrentPrincipal() principal: Principal) {
    return this.points.remove(id, auditActorOf(principal));
  }

  @Get(':id/links')
  @Roles('viewer', 'supervisor')
  @ApiOperation({
    summary: "The links the point's QR codes carry (web chat, Telegram, Viber), each with why it is missing when its channel is off",
    description: 'Without PUBLIC_URL the web chat link starts with the address this request came to, as with the QR codes.',
  })
  @ApiParam(ID_OR_CODE)
  @ZodResponse(pointLinkListSchema)
  @ApiNotFoundResponse({ description: 'No point has that id or code' })
  links(@Param('id') idOrCode: string, @Req() req: Request) {
    return this.points.links(idOrCode, { protocol: req.protocol, host: req.get('host') });
  }

  @Get(':id/qr')
  @Roles('viewer', 'supervisor')
  @ApiOperation({
    summary: "A QR code to print at the point: its web chat link or its Telegram or Viber deep link, each naming the point",
    description: 'Without PUBLIC_URL the web chat link starts with the address this request came to (and the log says so once).',
  })
  @ApiParam(ID_OR_CODE)
  @ApiProduces('image/svg+xml', 'image/png')
  @ApiOkResponse({ description: 'The image' })
  @ApiNotFoundResponse({ description: 'No point has that id or code' })
  @ApiConflictResponse({ description: 'The target is not configured (the Telegram or Viber channel is off)' })
  async qr(@Param('id') idOrCode: string, @ZodQuery(qrQuerySchema) query: QrQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    const image = await this.points.qr(idOrCode, query, { protocol: req.protocol, host: req.get('host') });
    res.type(image.contentType).setHeader('Content-Disposition', `inline; filename="${image.fileName}"`);
    res.send(image.body);
  }
}
