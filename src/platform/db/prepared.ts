// Statements built once and prepared under a name: for the queries every page runs (an event, the reader's own rows,
// a list's page). Building a drizzle query (its columns and rules) costs more CPU than running it; prepared, only the
// values go to the database, and PostgreSQL parses the statement once per connection.
import { sql, type Placeholder } from 'drizzle-orm';

/** A value as it is, or a placeholder of that name: one builder serves the plain query and the prepared one. */
export type Value = <T>(v: T, name: string) => T | Placeholder;
export const asIs: Value = (v) => v;
export const placeholder: Value = (_v, name) => sql.placeholder(name);

const built = new WeakMap<object, Map<string, unknown>>();

/**
 * The statement named `name` for this database, built by `build` the first time it is asked for. The name carries
 * everything the built SQL depends on besides its placeholders' values (the reader's role, how many ids it holds,
 * which filters are set), so a statement built for one shape never serves another. `build` calls `.prepare(name)`.
 */
export function preparedOnce<P>(db: object, name: string, build: (name: string) => P): P {
  let byName = built.get(db);
  if (!byName) {
    byName = new Map();
    built.set(db, byName);
  }
  let p = byName.get(name) as P | undefined;
  if (!p) {
    p = build(name);
    byName.set(name, p);
  }
  return p;
}
