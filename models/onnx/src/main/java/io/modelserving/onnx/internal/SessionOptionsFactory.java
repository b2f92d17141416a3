package io.modelserving.onnx.internal;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.modelserving.onnx.OnnxSettings;

/** Translates {@link OnnxSettings} into ONNX Runtime session options. */
public final class SessionOptionsFactory {

    private SessionOptionsFactory() {
    }

    /** New options; the caller closes them after the session that uses them. */
    public static OrtSession.SessionOptions create(OnnxSettings settings) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setIntraOpNumThreads(settings.intraOpThreads());
            options.setInterOpNumThreads(settings.interOpThreads());
            options.setOptimizationLevel(switch (settings.optimization()) {
                case NONE -> OrtSession.SessionOptions.OptLevel.NO_OPT;
                case BASIC -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
                case EXTENDED -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
                case ALL -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
            });
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }
}
