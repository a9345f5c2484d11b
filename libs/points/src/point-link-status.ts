import { ConflictError, UpstreamError } from '@turbota/common';
import { QR_TARGETS, type QrTarget } from './point-input';

/**
 * Why a point has no link for a target: `off`, the channel is not configured (or, for the web
 * chat, there is no address customers reach Turbota at); `unreachable`, the messenger could
 * not be asked for the bot's public name just now.
 */
export type MissingLink = 'off' | 'unreachable';

/** One of a point's links: the address its QR code carries, or why it has none. */
export interface PointLinkStatus {
  target: QrTarget;
  url: string | null;
  missing: MissingLink | null;
  /** What is missing and how to fix it, in English, for an admin; null when the link exists. */
  reason: string | null;
}

/**
 * Every target's link, asking `linkOf` for each: a channel that is off or a messenger that
 * cannot be asked becomes a missing link with its reason, so a sheet can print the codes that
 * work and say why the others are absent. Anything else fails the whole answer.
 */
export function linkStatuses(linkOf: (target: QrTarget) => Promise<string>): Promise<PointLinkStatus[]> {
  return Promise.all(
    QR_TARGETS.map(async (target): Promise<PointLinkStatus> => {
      try {
        return { target, url: await linkOf(target), missing: null, reason: null };
      } catch (error) {
        if (error instanceof ConflictError) return { target, url: null, missing: 'off', reason: error.message };
        if (error instanceof UpstreamError) return { target, url: null, missing: 'unreachable', reason: error.message };
        throw error;
      }
    }),
  );
}
