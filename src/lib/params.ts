/**
 * A record id from a path or form value: 1 to 9 digits and above zero, else undefined (the
 * caller answers 404 or 422; never a 500 for a made-up id).
 */
export function positiveInt(value: string | undefined): number | undefined {
  if (!value || !/^\d{1,9}$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
}
