/**
 * Platform services a Worker reaches through {@code env} bindings beyond services and durable
 * objects: KV namespaces, queues, workflows, D1 databases. Each kind lives in a package of its own
 * (engine side: its state, its events, its faults, its trace records) and meets the rest of W9Y
 * only through this package:
 *
 * <ul>
 *   <li>the topology names a binding with a {@link PlatformBinding} ({@code
 *       ServiceSpec.withPlatformBinding}); its {@link PlatformBinding#kind() kind} tells the guest
 *       runtime which of its bridges serves it;
 *   <li>the engine state every service shares (a KV namespace's entries, a queue's messages) is a
 *       {@link PlatformContext#shared shared} object of the world, created on first use;
 *   <li>a guest reaches its binding through the handle {@link PlatformBinding#open} returns, given
 *       a {@link PlatformAccess} that runs completions through the guest's gates.
 * </ul>
 */
package dev.w9y.core.platform;
