import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** A value a precompiled query takes: the scalars SQLite binds. */
type Param = string | number | null;

/**
 * A query on the hot path, built and compiled by Kysely once per database handle and then run
 * with new values: building and compiling the same SQL again costs about 10 µs a query, more than
 * running it. `build` is called once with stand-ins for the arguments; each stand-in must reach
 * the SQL as a bound value (`where('id', '=', id)`, `limit(n)`), not shape it (no `in` lists,
 * no optional clauses). Plugins on the handle transform the query once, when it is compiled.
 */
export function precompiled<A extends Param[], R>(
  build: (db: Kysely<Database>, ...args: A) => Compilable<R>,
): (db: Kysely<Database>, ...args: A) => Promise<R[]> {
  const compiled = new WeakMap<Kysely<Database>, { query: CompiledQuery<R>; slots: number[] }>();
  return async (db, ...args) => {
    let entry = compiled.get(db);
    if (!entry) {
      const standIns = args.map((_, i) => `\u0000precompiled-parameter-${i}\u0000`);
      const query = build(db, ...(standIns as A)).compile();
      const slots = query.parameters.map((p) => (typeof p === 'string' ? standIns.indexOf(p) : -1));
      if (standIns.some((_, i) => !slots.includes(i))) {
        throw new Error(`precompiled: an argument does not reach the SQL as a value: ${query.sql}`);
      }
      entry = { query, slots };
      compiled.set(db, entry);
    }
    const { query, slots } = entry;
    const parameters = query.parameters.map((p, i) => {
      const slot = slots[i]!;
      return slot < 0 ? p : args[slot];
    });
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
}
