import type { ApiPaths } from '../../../api/client';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** A campaign with its progress. */
export type Campaign = JsonOf<ApiPaths['/api/v1/campaigns/{id}']['get']['responses'][200]>;
/** What `POST /campaigns` takes. */
export type CampaignInput = NonNullable<ApiPaths['/api/v1/campaigns']['post']['requestBody']>['content']['application/json'];
/** What a campaign would reach before it starts. */
export type CampaignEstimate = JsonOf<ApiPaths['/api/v1/campaigns/estimate']['get']['responses'][200]>;
/** A survey policy, as a campaign names it. */
export type Policy = JsonOf<ApiPaths['/api/v1/survey-policies/{id}']['get']['responses'][200]>;
