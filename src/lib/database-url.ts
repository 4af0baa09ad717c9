/** True for a PostgreSQL connection URL (postgres://… or postgresql://…). */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/**
 * A database in words, for messages: a SQLite file as it is, a PostgreSQL URL without its
 * password (start-up lines end up in logs).
 */
export function databaseLabel(target: string): string {
  if (!isPostgresUrl(target)) return target;
  const url = new URL(target);
  if (url.password) url.password = '***';
  return `PostgreSQL ${url.toString()}`;
}
