/**
 * Serving metrics with Micrometer: {@link io.modelserving.micrometer.ServingMetrics} is a
 * {@link io.modelserving.kafka.ServingListener} that counts every serving event into any meter registry. It needs
 * micrometer-core only; the HTTP module adds Prometheus and the endpoints.
 */
package io.modelserving.micrometer;
