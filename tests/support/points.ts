/** The admin key `startTestApp` starts the application with (kept here so that e2e tests need not load the app). */
const TEST_ADMIN_KEY = 'test-admin-key-0123456789abcdef';

/** Registers points of service through the API (as an admin would), so that customers' links may name them. */
export function registerPoints(baseUrl: string, ...codes: string[]): Promise<void> {
  return registerPointsAs(baseUrl, TEST_ADMIN_KEY, ...codes);
}

/** The same, with another admin key (a process started with its own). */
export async function registerPointsAs(baseUrl: string, adminKey: string, ...codes: string[]): Promise<void> {
  for (const code of codes) {
    const res = await fetch(`${baseUrl}/api/v1/points`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminKey}` },
      body: JSON.stringify({ code, name: `Point ${code}` }),
    });
    if (res.status !== 201 && res.status !== 409) throw new Error(`registering point ${code}: ${res.status} ${await res.text()}`);
  }
}
