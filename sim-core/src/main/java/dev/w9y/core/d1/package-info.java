/**
 * D1 databases ({@code env.DB}): the engine side of the D1 binding. A database is real SQLite (the
 * engine of SQLite-backed durable objects, {@link dev.w9y.core.sql.SqliteDatabase}) shared by every
 * service bound to its id; each request is a simulated remote operation (network latency there and
 * back, the guest's gates, storage faults on the database's actor {@code d1:<name>}) and a
 * transaction. The guest-side API (prepare/bind/first/all/run/raw/batch/exec) is guest-js's d1
 * prelude over {@link dev.w9y.core.d1.D1Client}.
 */
package dev.w9y.core.d1;
