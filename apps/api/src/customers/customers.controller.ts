import { Delete, HttpCode, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOperation } from '@nestjs/swagger';
import { ApiV1Controller } from '@turbota/auth';
import { CustomerErasureService } from '@turbota/triggers';
import { UUID_PARAM } from '../common-params';

@ApiV1Controller('customers', 'customers')
export class CustomersController {
  constructor(private readonly erasure: CustomerErasureService) {}

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: "Erase a customer's personal data everywhere (admin)",
    description: 'Names, phones and e-mails, addresses on every channel and transcripts are erased; answers stay, anonymised, so scores do not change.',
  })
  @ApiNoContentResponse({ description: 'Erased' })
  @ApiNotFoundResponse({ description: 'No such customer, or erased already' })
  erase(@Param('id', UUID_PARAM) id: string) {
    return this.erasure.erase(id);
  }
}
