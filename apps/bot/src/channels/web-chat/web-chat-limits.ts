import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { type BucketVerdict, ConcurrencySlots, TokenBuckets } from '@turbota/server';

/**
 * What one client address (and one session) may hold or spend on the anonymous web chat in
 * this process: inputs a minute per address, and event streams open at once per address and
 * per session. The per-session input budget is counted in the database instead
 * (`InboundInput.budget`), so it holds across processes.
 */
@Injectable()
export class WebChatLimits {
  private readonly inputs: TokenBuckets;
  private readonly streamsByAddress: ConcurrencySlots;
  private readonly streamsBySession: ConcurrencySlots;
  /** Streams open at once per client address and per session (0: no limit). */
  readonly streams: { perAddress: number; perSession: number };

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const limits = config.chatLimits;
    this.inputs = new TokenBuckets({ perMinute: limits.inputsPerAddressPerMinute, maxKeys: 50_000 });
    this.streamsByAddress = new ConcurrencySlots(limits.streamsPerAddress);
    this.streamsBySession = new ConcurrencySlots(limits.streamsPerSession);
    this.streams = { perAddress: limits.streamsPerAddress, perSession: limits.streamsPerSession };
  }

  /** The per-session input budget, for the conversation to count; undefined when off. */
  get sessionBudget(): { perMinute: number } | undefined {
    const perMinute = this.config.chatLimits.inputsPerSessionPerMinute;
    return perMinute === 0 ? undefined : { perMinute };
  }

  /** Inputs a minute per client address (0: no limit). */
  get inputsPerAddress(): number {
    return this.config.chatLimits.inputsPerAddressPerMinute;
  }

  /** Spends one input of the client address's budget. */
  takeInput(clientAddress: string): BucketVerdict {
    if (this.config.chatLimits.inputsPerAddressPerMinute === 0) return { allowed: true };
    return this.inputs.take(clientAddress);
  }

  /** A slot for one more stream from the client address, or undefined when it holds its most. */
  streamFromAddress(clientAddress: string): (() => void) | undefined {
    return this.streamsByAddress.take(clientAddress);
  }

  /** A slot for one more stream of the session, or undefined when it holds its most. */
  streamOfSession(session: string): (() => void) | undefined {
    return this.streamsBySession.take(session);
  }
}
