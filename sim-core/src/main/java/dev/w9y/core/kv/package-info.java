/**
 * Workers KV in the simulation: namespaces every bound service shares ({@link KvStore}), the handle
 * one guest drives ({@link KvHandle}), and eventual consistency as Cloudflare documents it. A write
 * is visible at once at the location that made it (a location is a service instance or a durable
 * object: its trace actor); elsewhere it appears after a propagation delay the fault hooks draw
 * ({@link KvHooks}, family {@code kv.stale-read}, up to the documented 60 s); and a location keeps
 * what it read (found or not) for the read's {@code cacheTtl} (60 s unless given, at least 30 s),
 * so a read served from that cache may miss newer writes. A namespace in strict mode ({@link
 * KvNamespaceBinding#strict()}) always reads the newest write. Every operation is an event of its
 * own ({@code kv.get}, {@code kv.put}, {@code kv.delete}, {@code kv.list}) whose record says what
 * it saw ({@code stale}, {@code cached}).
 */
package dev.w9y.core.kv;
