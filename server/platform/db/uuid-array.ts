import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * A list of ids as ONE uuid[] parameter (drizzle spreads a JS array into one parameter per item,
 * which `= ANY(…)` cannot take). The ids are the app's own uuids; the cast refuses anything else.
 */
export const uuidArray = (ids: readonly string[]): SQL => sql`${`{${ids.join(',')}}`}::uuid[]`;

/**
 * `column = ANY($1::uuid[])`: one parameter however many ids. For lists of a caseload's size
 * (hundreds of ids), drizzle's `inArray` sends one parameter per id, and PostgreSQL parses and
 * plans a statement that long on every call.
 */
export const anyOfIds = (column: AnyPgColumn, ids: readonly string[]): SQL => sql`${column} = ANY(${uuidArray(ids)})`;
