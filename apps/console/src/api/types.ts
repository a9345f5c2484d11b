import type { ApiPaths } from './client';

/** The JSON of a response object. */
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** A page of the incident queue. */
export type IncidentPage = JsonOf<ApiPaths['/api/v1/incidents']['get']['responses'][200]>;
/** An incident as the queue lists it. */
export type Incident = IncidentPage['items'][number];
/** An incident with its history and next steps. */
export type IncidentDetail = JsonOf<ApiPaths['/api/v1/incidents/{id}']['get']['responses'][200]>;
/** What can be done to an incident (`POST /incidents/{id}/transitions`). */
export type IncidentAction = IncidentDetail['allowedActions'][number];
/** One step of an incident's history. */
export type HistoryEntry = IncidentDetail['history'][number];
/** The filters `GET /incidents` takes. */
export type IncidentsQuery = NonNullable<ApiPaths['/api/v1/incidents']['get']['parameters']['query']>;

/** Who is signed in. */
export type Me = JsonOf<ApiPaths['/api/v1/me']['get']['responses'][200]>;
/** A person, as the admin manages them. */
export type User = JsonOf<ApiPaths['/api/v1/users/{id}']['get']['responses'][200]>;
/** A person's role. */
export type Role = User['role'];
/** A new invitation: the link to hand over, until when it works, and whether it went by e-mail. */
export type Invitation = JsonOf<ApiPaths['/api/v1/users/{id}/invitation']['post']['responses'][201]>;
