/**
 * Reads positive-integer settings from the environment: each key of `names`
 * maps to a variable; unset or empty keeps the default, anything else that is
 * not a positive integer stops start-up with a message naming the variable.
 */
export function positiveIntegers<K extends string>(env: NodeJS.ProcessEnv, names: Record<K, string>, defaults: Readonly<Record<K, number>>): Record<K, number> {
  const values = { ...defaults } as Record<K, number>;
  for (const key of Object.keys(names) as K[]) {
    const raw = env[names[key]];
    if (raw === undefined || raw === "") continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${names[key]} must be a positive integer, got "${raw}"`);
    values[key] = value;
  }
  return values;
}
