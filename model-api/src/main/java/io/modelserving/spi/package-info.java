/** The service-provider interface: implement {@link io.modelserving.spi.ModelFactory} for a model format. */
package io.modelserving.spi;
