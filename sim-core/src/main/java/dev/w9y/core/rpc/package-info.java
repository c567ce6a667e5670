/**
 * JavaScript RPC (Workers' {@code WorkerEntrypoint} and durable-object methods) as network
 * messages: an RPC call is a request and its result a response on the simulated network, so every
 * network fault, the durable objects' gates and the trace apply to it as to a fetch. This package
 * owns the envelope both ends agree on; guests build the payload (structured-clone bytes) and
 * dispatch the call.
 */
package dev.w9y.core.rpc;
