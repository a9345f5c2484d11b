import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type AuditActor, recordConfigChange } from '@turbota/audit';
import { ConflictError, InvalidInputError, NotFoundError } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import type { Locale } from '@turbota/common';
import { PointOfServiceEntity, SurveyPolicyEntity } from '@turbota/persistence';
import { isUniqueViolation } from '@turbota/survey-config';
import type { QuietHours } from '@turbota/surveys';
import type { PointChange, PointInput, QrQuery } from './point-input';
import { isPointCode } from './point-code';
import { linkBase, pointLinks } from './point-links';
import { linkStatuses, type PointLinkStatus } from './point-link-status';
import { MessengerAccounts } from './messenger-accounts';
import { type QrImage, qrImage } from './qr-image';

/** A point of service as the API shows it. */
export interface PointView {
  id: string;
  code: string;
  name: string;
  address: string | null;
  timeZone: string | null;
  /** The survey policy of walk-in surveys started here; null: the default. */
  policyId: string | null;
  /** What a walk-in hears first here, per language; null: the generic greeting. */
  greeting: Partial<Record<Locale, string>> | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The address a request for a QR code came to: the web chat's links start there when `PUBLIC_URL` is not set. */
export interface RequestAddress {
  protocol?: string;
  host?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Points of service (branches, counters), the survey each carries, and the QR codes customers scan there. */
@Injectable()
export class PointService {
  private readonly logger = new Logger(PointService.name);
  private warnedLocal = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: MessengerAccounts,
  ) {}

  async create(input: PointInput, by: AuditActor): Promise<PointView> {
    await this.checkPolicy(input.policyId);
    const point = { address: null, timeZone: null, policyId: null, greeting: null, ...input };
    return this.saving(input.code, () =>
      this.dataSource.transaction(async (tx) => {
        const after = viewOf(await tx.save(PointOfServiceEntity, point));
        await recordConfigChange(tx, { actor: by, subject: subjectOf(after), action: 'created', before: null, after });
        return after;
      }),
    );
  }

  async list(): Promise<PointView[]> {
    return (await this.dataSource.manager.find(PointOfServiceEntity, { order: { code: 'ASC' } })).map(viewOf);
  }

  /** The point by its id or its code. */
  async get(idOrCode: string): Promise<PointView> {
    return viewOf(await this.point(idOrCode));
  }

  async update(id: string, change: PointChange, by: AuditActor): Promise<PointView> {
    const point = await this.byId(id);
    if (change.policyId !== point.policyId) await this.checkPolicy(change.policyId);
    return this.saving(change.code ?? point.code, () =>
      this.dataSource.transaction(async (tx) => {
        const current = await this.byId(id, tx, true);
        const before = viewOf(current);
        const after = viewOf(await tx.save(PointOfServiceEntity, { ...current, ...change }));
        await recordConfigChange(tx, { actor: by, subject: subjectOf(after), action: 'changed', before, after });
        return after;
      }),
    );
  }

  /** Removes the point; answers and contacts keep its code. */
  async remove(id: string, by: AuditActor): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const before = viewOf(await this.byId(id, tx, true));
      await tx.delete(PointOfServiceEntity, { id });
      await recordConfigChange(tx, { actor: by, subject: subjectOf(before), action: 'removed', before, after: null });
    });
  }

  /** A QR code of the point's (by id or code) web chat, Telegram or Viber link; `local`: the address the request came to. */
  async qr(idOrCode: string, { target, format }: QrQuery, local?: RequestAddress): Promise<QrImage & { fileName: string }> {
    const point = await this.point(idOrCode);
    const image = await qrImage(await this.link(point.code, target, local), format);
    return { ...image, fileName: `${point.code}-${target}.${format}` };
  }

  /** The point's (by id or code) web chat, Telegram and Viber links, each with why it is missing when it is. */
  async links(idOrCode: string, local?: RequestAddress): Promise<PointLinkStatus[]> {
    const { code } = await this.point(idOrCode);
    return linkStatuses((target) => this.link(code, target, local));
  }

  /** The policy's quiet hours, read in the point's time zone when the contact names a point that has one. */
  async quietHoursAt(tx: EntityManager, code: string | null | undefined, quietHours: QuietHours | null): Promise<QuietHours | null> {
    if (!quietHours || !code) return quietHours;
    const point = await tx.findOneBy(PointOfServiceEntity, { code });
    return point?.timeZone ? { ...quietHours, timeZone: point.timeZone } : quietHours;
  }

  private async link(code: string, target: QrQuery['target'], local: RequestAddress | undefined): Promise<string> {
    switch (target) {
      case 'webchat':
        return pointLinks.webchat(this.webBase(local), code);
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
      if (isUniqueViolation(error, 'uq_point_of_service_code')) throw new ConflictError(`A point of service with the code "${code}" exists already`);
      throw error;
    }
  }

  /** `PUBLIC_URL`, or else the local address the request came to (said once in the log: customers elsewhere cannot reach it). */
  private webBase(local: RequestAddress | undefined): string {
    const found = linkBase(this.config.publicUrl, local);
    if (!found) throw new ConflictError('PUBLIC_URL is not set: the web chat link needs the address customers reach Turbota at');
    if (found.local && !this.warnedLocal) {
      this.warnedLocal = true;
      this.logger.warn(`PUBLIC_URL is not set: QR codes and links use the local address ${found.base}, which only devices that reach this machine can open; set PUBLIC_URL to the address customers reach Turbota at`);
    }
    return found.base;
  }

  /** A policy a point may name: one that exists and is active (400 naming the field otherwise). */
  private async checkPolicy(policyId: string | null | undefined): Promise<void> {
    if (!policyId) return;
    const policy = await this.dataSource.manager.findOneBy(SurveyPolicyEntity, { id: policyId });
    if (!policy || policy.status !== 'active') {
      throw new InvalidInputError([{ field: 'policyId', problems: [policy ? `Survey policy "${policy.name}" is archived` : `No survey policy ${policyId}`] }]);
    }
  }

  private async byId(id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<PointOfServiceEntity> {
    const point = await manager.findOne(PointOfServiceEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!point) throw new NotFoundError(`No point of service ${id}`);
    return point;
  }

  /** By id or by code: an id is a UUID; a code shaped like one is found by code when no id matches. */
  private async point(idOrCode: string): Promise<PointOfServiceEntity> {
    const { manager } = this.dataSource;
    const point =
      (UUID.test(idOrCode) ? await manager.findOneBy(PointOfServiceEntity, { id: idOrCode }) : null) ??
      (isPointCode(idOrCode) ? await manager.findOneBy(PointOfServiceEntity, { code: idOrCode }) : null);
    if (!point) throw new NotFoundError(isPointCode(idOrCode) ? `No point of service has the id or code "${idOrCode}"` : 'No point of service has that id or code');
    return point;
  }
}

function subjectOf(view: PointView) {
  return { kind: 'point' as const, id: view.id, label: `${view.name} (${view.code})` };
}

function viewOf(p: PointOfServiceEntity): PointView {
  return { id: p.id, code: p.code, name: p.name, address: p.address, timeZone: p.timeZone, policyId: p.policyId, greeting: p.greeting, createdAt: p.createdAt, updatedAt: p.updatedAt };
}
