/**
 * The contract test every adapter runs: extend {@link io.modelserving.contract.ServingContract}, start instances
 * of your adapter from {@link io.modelserving.contract.InstanceSettings}, and the same scenarios prove hot swap,
 * model broadcast, restart, dead letters, model roles (shadow, canary, promotion) and speculative ensembles against
 * a real broker, in protobuf or, with {@link io.modelserving.contract.RecordFormat#JSON}, in JSON.
 */
package io.modelserving.contract;
