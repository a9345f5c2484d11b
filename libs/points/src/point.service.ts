import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { PointOfServiceEntity } from '@turbota/persistence';
import { parseOrThrow } from '@turbota/server';
import { isUniqueViolation } from '@turbota/survey-config';
import type { QuietHours } from '@turbota/surveys';
import { pointChangeSchema, pointInputSchema, type QrQuery, qrQuerySchema } from './point-input';
import { pointLinks } from './point-links';
import { MessengerAccounts } from './messenger-accounts';
import { type QrImage, qrImage } from './qr-image';

/** A point of service as the API shows it. */
export interface PointView {
  id: string;
  code: string;
  name: string;
  address: string | null;
  timeZone: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Points of service (branches, counters) and the QR codes customers scan there. */
@Injectable()
export class PointService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: MessengerAccounts,
  ) {}

  async create(body: unknown): Promise<PointView> {
    const input = parseOrThrow(pointInputSchema, body);
    return viewOf(await this.saving(input.code, () => this.dataSource.manager.save(PointOfServiceEntity, { address: null, timeZone: null, ...input })));
  }

  async list(): Promise<PointView[]> {
    return (await this.dataSource.manager.find(PointOfServiceEntity, { order: { code: 'ASC' } })).map(viewOf);
  }

  async get(id: string): Promise<PointView> {
    return viewOf(await this.point(id));
  }

  async update(id: string, body: unknown): Promise<PointView> {
    const change = parseOrThrow(pointChangeSchema, body);
    const point = await this.point(id);
    return viewOf(await this.saving(change.code ?? point.code, () => this.dataSource.manager.save(PointOfServiceEntity, { ...point, ...change })));
  }

  /** Removes the point; answers and contacts keep its code. */
  async remove(id: string): Promise<void> {
    const { affected } = await this.dataSource.manager.delete(PointOfServiceEntity, { id });
    if (!affected) throw new NotFoundException(`No point of service ${id}`);
  }

  /** A QR code of the point's web chat, Telegram or Viber link. */
  async qr(id: string, query: unknown): Promise<QrImage & { fileName: string }> {
    const { target, format } = parseOrThrow(qrQuerySchema, query);
    const point = await this.point(id);
    const image = await qrImage(await this.link(point.code, target), format);
    return { ...image, fileName: `${point.code}-${target}.${format}` };
  }

  /** The policy's quiet hours, read in the point's time zone when the contact names a point that has one. */
  async quietHoursAt(tx: EntityManager, code: string | null | undefined, quietHours: QuietHours | null): Promise<QuietHours | null> {
    if (!quietHours || !code) return quietHours;
    const point = await tx.findOneBy(PointOfServiceEntity, { code });
    return point?.timeZone ? { ...quietHours, timeZone: point.timeZone } : quietHours;
  }

  private async link(code: string, target: QrQuery['target']): Promise<string> {
    switch (target) {
      case 'webchat':
        if (!this.config.publicUrl) throw new ConflictException('PUBLIC_URL is not set: the web chat link needs the address customers reach Turbota at');
        return pointLinks.webchat(this.config.publicUrl, code);
      case 'telegram':
        return pointLinks.telegram(await this.accounts.telegramUsername(), code);
      case 'viber':
        return pointLinks.viber(await this.accounts.viberChatUri(), code);
    }
  }

  private async saving<T>(code: string, save: () => Promise<T>): Promise<T> {
    try {
      return await save();
    } catch (error) {
      if (isUniqueViolation(error, 'uq_point_of_service_code')) throw new ConflictException(`A point of service with the code "${code}" exists already`);
      throw error;
    }
  }

  private async point(id: string): Promise<PointOfServiceEntity> {
    const point = await this.dataSource.manager.findOneBy(PointOfServiceEntity, { id });
    if (!point) throw new NotFoundException(`No point of service ${id}`);
    return point;
  }
}

function viewOf(p: PointOfServiceEntity): PointView {
  return { id: p.id, code: p.code, name: p.name, address: p.address, timeZone: p.timeZone, createdAt: p.createdAt, updatedAt: p.updatedAt };
}
