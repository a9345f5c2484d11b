/** The names of the fields left empty. */
export function required(values: Record<string, string>): Record<string, boolean> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() === '').map(([field]) => [field, true]));
}
