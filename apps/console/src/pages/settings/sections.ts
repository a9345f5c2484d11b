import { type ComponentType, lazy } from 'react';
import type { MessageKey } from '../../i18n/en';

/** One part of the settings, at `/console/settings/<path>`; admins only. */
export interface SettingsSection {
  path: string;
  title: MessageKey;
  /** The section's page, fetched on first use; `rest`: the address after the section (an id). */
  Page: ComponentType<{ rest: string[] }>;
}

/** The settings, in the order the side navigation lists them. */
export const SECTIONS: readonly SettingsSection[] = [
  { path: 'pools', title: 'pools.section', Page: lazy(() => import('./pools/pools-page').then((module) => ({ default: module.PoolsPage }))) },
  { path: 'policies', title: 'policies.nav', Page: lazy(() => import('./policies/policies-page').then((module) => ({ default: module.PoliciesPage }))) },
  { path: 'standard', title: 'standard.nav', Page: lazy(() => import('./standard/standard-page').then((module) => ({ default: module.StandardPage }))) },
  { path: 'points', title: 'points.title', Page: lazy(() => import('./points/points-page').then((module) => ({ default: module.PointsPage }))) },
  { path: 'campaigns', title: 'campaigns.nav', Page: lazy(() => import('./campaigns/campaigns-page').then((module) => ({ default: module.CampaignsPage }))) },
  { path: 'imports', title: 'settings.imports', Page: lazy(() => import('./imports/imports-page').then((module) => ({ default: module.ImportsPage }))) },
  { path: 'keys', title: 'keys.title', Page: lazy(() => import('./keys/keys-page').then((module) => ({ default: module.KeysPage }))) },
  { path: 'people', title: 'nav.people', Page: lazy(() => import('../people/people-page').then((module) => ({ default: module.PeoplePage }))) },
  { path: 'deliveries', title: 'settings.deliveries', Page: lazy(() => import('./deliveries/deliveries-page').then((module) => ({ default: module.DeliveriesPage }))) },
  { path: 'audit', title: 'audit.section', Page: lazy(() => import('./audit/audit-page').then((module) => ({ default: module.AuditPage }))) },
];
