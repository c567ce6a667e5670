/**
 * Workers Static Assets: the files of a Worker's {@code assets.directory}, read into memory when
 * the topology is built, and the asset server that answers for them in front of the Worker (and
 * through {@code env.ASSETS}) with workerd's routing rules: {@link StaticAssets} is what the
 * topology holds, {@link AssetServer} the rules.
 */
package dev.w9y.core.assets;
