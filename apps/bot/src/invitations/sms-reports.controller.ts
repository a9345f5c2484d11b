import { BadRequestException, Controller, HttpCode, Inject, NotFoundException, Param, Post, Req, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { type Clock, CLOCK } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { execute, qb } from '@turbota/persistence';
import { PiiCipher } from '@turbota/privacy';
import { MalformedRequestError } from '../channels/channel-adapter';
import { DeliveryReceipts } from '../outbox/delivery-receipts';
import { SMS_PROVIDER, type SmsProvider, type SmsReport } from './sms/sms-provider';

/** A provider's message id: printable, short; anything else names no text Turbota sent. */
const MESSAGE_ID = /^[\x21-\x7e]{1,100}$/;

/** A report as it may be stored: a message id that can be one, an error without control characters, cut to 500. */
function storable(report: SmsReport): SmsReport {
  if (!MESSAGE_ID.test(report.providerMessageId)) throw new MalformedRequestError('The report names no message id a provider gives');
  const { error: said, ...rest } = report;
  // eslint-disable-next-line no-control-regex -- NUL and other control characters cannot be stored in text
  const error = said?.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 500);
  return error ? { ...rest, error } : rest;
}

/**
 * `POST /webhooks/sms/{provider}`: the provider's delivery reports of the invitation texts
 * (and, where the provider posts them here, customers' replies STOP), verified by the
 * provider's signature on the address they were posted to, and recorded before the answer
 * (a status only moves forward; a report that came before its text was recorded sent is held
 * for it).
 */
@ApiExcludeController()
@Controller('webhooks/sms')
export class SmsReportsController {
  constructor(
    @Inject(SMS_PROVIDER) private readonly provider: SmsProvider | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: PiiCipher,
    private readonly receipts: DeliveryReceipts,
  ) {}

  @Post(':provider')
  @HttpCode(200)
  async report(@Param('provider') name: string, @Req() request: Request & { rawBody?: Buffer }): Promise<Record<string, never>> {
    const provider = this.provider;
    if (!provider || provider.name !== name || !this.config.publicUrl) throw new NotFoundException(`No SMS provider ${name} is configured`);
    // Signed on the address the report was sent to: the one given with the text.
    const url = `${this.config.publicUrl}/webhooks/sms/${name}`;
    if (!provider.verifyReport({ headers: request.headers, rawBody: request.rawBody, body: request.body, url })) {
      throw new UnauthorizedException(`The delivery report is not signed by ${name}`);
    }
    let reports: SmsReport[];
    try {
      reports = provider.parseReports(request.body).map(storable);
    } catch (error) {
      if (error instanceof MalformedRequestError) throw new BadRequestException(error.message);
      throw error;
    }
    await this.receipts.recordReports(provider.name, reports);
    await this.optOut(provider.optOutsOf(request.body));
    return {};
  }

  /** A reply STOP: every customer reported with that phone is asked nothing more, on any channel. */
  private async optOut(phones: string[]): Promise<void> {
    const indexes = phones.flatMap((phone) => this.cipher.blindIndexes(phone));
    if (!indexes.length) return;
    const reportedWith = qb.selectFrom('contact').select('customer_id').where('phone_index', '=', sql<Buffer>`ANY(${indexes}::bytea[])`);
    await execute(
      this.dataSource.manager,
      qb.updateTable('customer').set({ opted_out_at: this.clock.now() }).where('opted_out_at', 'is', null).where('id', 'in', reportedWith),
    );
  }
}
