/**
 * R2 object storage in the simulation, as workerd's local R2 behaves: buckets every bound service
 * shares ({@link R2Store}, a platform store: it outlives instance crashes), the handle one guest
 * drives ({@link R2Handle}), R2's conditionals and ranges ({@link R2Conditions}) and its errors in
 * its words ({@link R2Exception}). R2 is strongly consistent: every operation sees every write
 * before it. Versions and upload ids come from seeded streams, etags from the content, {@code
 * uploaded} from the virtual clock. Every operation is an event of its own ({@code r2.get}, {@code
 * r2.put}...) followed by a {@code .result} record; {@link R2Hooks} lets fault injection fail one
 * with R2's transient internal error.
 */
package dev.w9y.core.r2;
