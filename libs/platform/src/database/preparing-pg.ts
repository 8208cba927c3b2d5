import pg from 'pg';

/**
 * The `pg` driver with each parameterized statement prepared once per connection
 * (ADR 0040). TypeORM sends every statement unnamed, so PostgreSQL parses and plans it
 * afresh on every call; intake's nine statements spent a third of the database's CPU
 * that way (pgbench `-M prepared` ~600 tps against `-M extended` ~500, issue 20). A
 * named statement is parsed once per connection and, after five custom plans, may be
 * served by the generic plan when the planner judges it no worse (`plan_cache_mode =
 * auto`, PostgreSQL's default).
 *
 * Only statements with parameters are named: a statement's text then holds no values
 * (values travel apart), so one name serves every call and no personal data lands in a
 * statement name. Texts beyond `MAX_NAMED` distinct ones (TypeORM writes `IN ($1, …)`
 * lists of every length) go unnamed, so neither this process nor a backend collects
 * statements without bound.
 */
const MAX_NAMED = 2_000;
const names = new Map<string, string>();

function nameFor(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED) names.set(text, (name = `bro_${names.size + 1}`));
  return name;
}

type Query = (this: pg.Client, ...args: unknown[]) => unknown;
// Called with the client as `this` below, never detached.
// eslint-disable-next-line @typescript-eslint/unbound-method
const unnamedQuery = pg.Client.prototype.query as Query;

/** A pg Client whose `query(text, values)` names the statement (pg's many overloads make an override untypable). */
class PreparingClient extends pg.Client {}
(PreparingClient.prototype as unknown as { query: Query }).query = function (...args) {
  const [text, values, callback] = args;
  if (typeof text === 'string' && Array.isArray(values) && values.length > 0) {
    const name = nameFor(text);
    if (name) return unnamedQuery.call(this, { name, text, values }, callback);
  }
  return unnamedQuery.apply(this, args);
};

class PreparingPool extends pg.Pool {
  constructor(config?: pg.PoolConfig) {
    super({ ...config, Client: PreparingClient });
  }
}

/** What TypeORM's `driver` option takes: the pg module, with its Pool making preparing clients. */
export const preparingPg: typeof pg = Object.assign(Object.create(pg) as typeof pg, { Pool: PreparingPool, Client: PreparingClient });
