/**
 * JSON codecs: {@link io.modelserving.json.JsonFeaturesCodec} reads JSON records as
 * {@link io.modelserving.Features} by the rules of {@link io.modelserving.codec.FeatureFields}, and
 * {@link io.modelserving.json.JsonScoredRecordCodec} writes and reads scored records as JSON objects.
 */
package io.modelserving.json;
