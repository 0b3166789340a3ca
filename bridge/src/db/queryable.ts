import type { QueryConfig, QueryResult, QueryResultRow } from "pg";

/**
 * A pg pool or a client inside a transaction: what data files take to run SQL.
 *
 * Hot-path statements (the webhook path) pass `{ name, text, values }`: pg prepares a named
 * statement once per connection, so PostgreSQL parses and plans it once, then only executes it.
 * That more than halved the time per delivery (docs/benchmarks.md). A name's text must never vary.
 */
export interface Queryable {
  query<Row extends QueryResultRow = QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<QueryResult<Row>>;
  query<Row extends QueryResultRow = QueryResultRow>(
    config: QueryConfig<unknown[]>,
  ): Promise<QueryResult<Row>>;
}
