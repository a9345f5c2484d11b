import { ensureEmbeddedTemplate } from './test-database';

export default async function globalSetup(): Promise<void> {
  if (!process.env.TEST_DATABASE_URL) await ensureEmbeddedTemplate();
}
