package io.modelserving.codec;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.modelserving.Features;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code FeatureRecord} message of {@code modelserving.proto}, read and written field by field instead of
 * through the generated message: the generated builder appends a record's values one boxed-list element at a time,
 * which made decoding and encoding most of the serving work for records of hundreds of values. Reads what the
 * generated parser reads (values packed or not, fields in any order, unknown fields skipped, the last data type
 * winning) and writes the bytes it writes.
 */
final class FeatureRecordWire {

    private static final int DATA_TYPE = 1;
    private static final int NAMES = 2;
    private static final int VALUES = 3;
    private static final int TIMESTAMP = 4;
    private static final int CATEGORICAL_NAMES = 5;
    private static final int CATEGORICAL_VALUES = 6;

    private static final int DATA_TYPE_TAG = tag(DATA_TYPE, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int NAME_TAG = tag(NAMES, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int PACKED_VALUES_TAG = tag(VALUES, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int VALUE_TAG = tag(VALUES, WireFormat.WIRETYPE_FIXED64);
    private static final int TIMESTAMP_TAG = tag(TIMESTAMP, WireFormat.WIRETYPE_VARINT);
    private static final int CATEGORICAL_NAME_TAG = tag(CATEGORICAL_NAMES, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int CATEGORICAL_VALUE_TAG = tag(CATEGORICAL_VALUES, WireFormat.WIRETYPE_LENGTH_DELIMITED);

    private FeatureRecordWire() {
    }

    /** The fields of one record as they are on the wire, not yet checked against each other. */
    record Fields(String dataType, List<String> names, double[] values, List<String> categoricalNames,
                  List<String> categoricalValues) {
    }

    /**
     * Reads one record.
     *
     * @throws IOException when the bytes are not a {@code FeatureRecord} (truncated, malformed, invalid UTF-8)
     */
    static Fields read(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        String dataType = "";
        List<String> names = new ArrayList<>();
        double[] values = new double[0];
        int count = 0;
        List<String> categoricalNames = new ArrayList<>();
        List<String> categoricalValues = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == PACKED_VALUES_TAG) {
                int length = in.readRawVarint32();
                int limit = in.pushLimit(length);
                // sized by the bytes that are really there: a garbage length must not allocate
                values = capacity(values, count + Math.min(length, bytes.length) / Double.BYTES);
                while (in.getBytesUntilLimit() > 0) {
                    values = capacity(values, count + 1);
                    values[count++] = in.readDouble();
                }
                in.popLimit(limit);
            } else if (tag == VALUE_TAG) {
                values = capacity(values, count + 1);
                values[count++] = in.readDouble();
            } else if (tag == DATA_TYPE_TAG) {
                dataType = in.readStringRequireUtf8();
            } else if (tag == NAME_TAG) {
                names.add(in.readStringRequireUtf8());
            } else if (tag == TIMESTAMP_TAG) {
                in.readInt64(); // not part of Features
            } else if (tag == CATEGORICAL_NAME_TAG) {
                categoricalNames.add(in.readStringRequireUtf8());
            } else if (tag == CATEGORICAL_VALUE_TAG) {
                categoricalValues.add(in.readStringRequireUtf8());
            } else if (!in.skipField(tag)) {
                throw new InvalidProtocolBufferException("Protocol message end-group tag did not match expected tag.");
            }
        }
        return new Fields(dataType, names, count == values.length ? values : Arrays.copyOf(values, count),
                categoricalNames, categoricalValues);
    }

    private static double[] capacity(double[] values, int needed) {
        return needed <= values.length ? values : Arrays.copyOf(values, Math.max(needed, values.length * 2));
    }

    /** Writes {@code features} as the generated message would: fields in number order, values packed. */
    static byte[] write(Features features) {
        String dataType = features.dataType();
        List<String> names = features.names();
        double[] values = features.values();
        Map<String, String> categorical = features.categorical();
        int size = dataType.isEmpty() ? 0 : CodedOutputStream.computeStringSize(DATA_TYPE, dataType);
        for (String name : names) {
            size += CodedOutputStream.computeStringSize(NAMES, name);
        }
        int valueBytes = values.length * Double.BYTES;
        if (values.length > 0) {
            size += CodedOutputStream.computeTagSize(VALUES) + CodedOutputStream.computeUInt32SizeNoTag(valueBytes)
                    + valueBytes;
        }
        for (Map.Entry<String, String> entry : categorical.entrySet()) {
            size += CodedOutputStream.computeStringSize(CATEGORICAL_NAMES, entry.getKey())
                    + CodedOutputStream.computeStringSize(CATEGORICAL_VALUES, entry.getValue());
        }
        byte[] bytes = new byte[size];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            if (!dataType.isEmpty()) {
                out.writeString(DATA_TYPE, dataType);
            }
            for (String name : names) {
                out.writeString(NAMES, name);
            }
            if (values.length > 0) {
                out.writeTag(VALUES, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(valueBytes);
                for (double value : values) {
                    out.writeDoubleNoTag(value);
                }
            }
            for (String name : categorical.keySet()) {
                out.writeString(CATEGORICAL_NAMES, name);
            }
            for (String value : categorical.values()) {
                out.writeString(CATEGORICAL_VALUES, value);
            }
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException("A feature record did not fill the bytes computed for it", e);
        }
        return bytes;
    }

    /** The tag of a field: its number and wire type, as the wire format computes it. */
    private static int tag(int field, int wireType) {
        return field << 3 | wireType;
    }
}
