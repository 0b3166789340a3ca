import type { QueryResult, QueryResultRow } from "pg";

/** A pg pool or a client inside a transaction: what data files take to run SQL. */
export interface Queryable {
  query<Row extends QueryResultRow = QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<QueryResult<Row>>;
}
