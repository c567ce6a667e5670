/**
 * Wrangler projects as topologies: reads {@code wrangler.toml}, {@code wrangler.json} and {@code
 * wrangler.jsonc} ({@link dev.w9y.core.wrangler.WranglerConfig}) and turns several of them into one
 * {@link dev.w9y.core.Topology} ({@link dev.w9y.core.wrangler.WranglerProject}). Reading happens
 * before a run; everything it produces is ordered as the files are.
 */
package dev.w9y.core.wrangler;
