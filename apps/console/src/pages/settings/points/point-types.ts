import type { ApiPaths } from '../../../api/client';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** A point of service as the API answers it. */
export type Point = JsonOf<ApiPaths['/api/v1/points/{id}']['get']['responses'][200]>;
/** A new point (`POST /points`). */
export type PointInput = NonNullable<ApiPaths['/api/v1/points']['post']['requestBody']>['content']['application/json'];
/** One of a point's links, or why it is missing. */
export type PointLink = JsonOf<ApiPaths['/api/v1/points/{id}/links']['get']['responses'][200]>[number];
/** What a QR code leads to. */
export type LinkTarget = PointLink['target'];
/** A survey policy a point may name. */
export type PolicyOption = JsonOf<ApiPaths['/api/v1/survey-policies']['get']['responses'][200]>[number];

/** The address of a point's QR code image, served by the API (the session's cookie goes with it). */
export const qrImageUrl = (pointId: string, target: LinkTarget, format: 'svg' | 'png' = 'svg') =>
  `/api/v1/points/${encodeURIComponent(pointId)}/qr?target=${target}&format=${format}`;
