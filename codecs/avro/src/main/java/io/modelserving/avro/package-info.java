/**
 * Avro codecs: {@link io.modelserving.avro.AvroFeaturesCodec} decodes Avro records, plain or in the Confluent wire
 * format with schema resolution, into {@link io.modelserving.Features} for the models, and encodes them back.
 */
package io.modelserving.avro;
