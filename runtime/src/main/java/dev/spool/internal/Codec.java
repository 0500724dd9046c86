package dev.spool.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import dev.spool.CodecException;
import dev.spool.JobFailure;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TypeRef;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spool's JSON codec. One strictly configured {@link ObjectMapper}: no default typing (values
 * decode to their declared types only), unknown properties, nulls for primitives, numbers for
 * enums and scalar coercions ({@code "1"} for an {@code int}) all fail; java.time values are ISO
 * strings (a {@code ZonedDateTime} with its zone id); parsing is bounded in nesting depth and string length. Readers and writers are built
 * once per type and cached.
 */
public final class Codec {

    /** Maximum nesting depth of decoded JSON. */
    public static final int MAX_NESTING_DEPTH = 200;

    private final int maxStringLength;
    private volatile ObjectMapper mapper;
    private final Map<JavaType, ObjectReader> readers = new ConcurrentHashMap<>();
    private final Map<JavaType, ObjectReader> documentReaders = new ConcurrentHashMap<>();
    private final Map<JavaType, ObjectWriter> writers = new ConcurrentHashMap<>();

    /** A codec whose strings may be at most {@code maxStringLength} characters long. */
    public Codec(int maxStringLength) {
        this.maxStringLength = maxStringLength;
    }

    /** The strict mapper; see the class comment. */
    static ObjectMapper createMapper(int maxStringLength) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(Math.max(1024, maxStringLength))
                        .build())
                .build();
        JsonMapper mapper = JsonMapper.builder(factory)
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .addModule(new ParameterNamesModule())
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.WRITE_DATES_WITH_ZONE_ID) // a ZonedDateTime keeps its region
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
        // No scalar coercion in either direction: "1" is not an int, 1 is not a String or boolean.
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

    /**
     * The mapper (for tests and internal use; never hand it to task code), built on first use:
     * Jackson loads some 500 classes, which a client that only connects, counts or cancels never
     * needs.
     */
    public ObjectMapper mapper() {
        ObjectMapper built = mapper;
        if (built == null) {
            synchronized (this) {
                built = mapper;
                if (built == null) {
                    built = createMapper(maxStringLength);
                    mapper = built;
                }
            }
        }
        return built;
    }

    /** A reader for one array element (more tokens follow). */
    private ObjectReader reader(JavaType type) {
        return readers.computeIfAbsent(type, t -> mapper().readerFor(resolve(t)));
    }

    /** A reader for a whole document: trailing tokens fail. */
    private ObjectReader documentReader(JavaType type) {
        return documentReaders.computeIfAbsent(type,
                t -> mapper().readerFor(resolve(t)).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
    }

    private ObjectWriter writer(JavaType type) {
        return writers.computeIfAbsent(type, t -> mapper().writerFor(resolve(t)));
    }

    /**
     * The same type built again by this mapper's type factory. A {@link TypeRef} is built without a
     * mapper, so its type misses what the modules register: {@code Optional<T>} is a reference type
     * only to a factory that knows the JDK 8 module, and Jackson refuses to write or read it otherwise.
     */
    JavaType resolve(JavaType type) {
        TypeFactory factory = mapper().getTypeFactory();
        if (type.isArrayType()) {
            return factory.constructArrayType(resolve(type.getContentType()));
        }
        int count = type.containedTypeCount();
        if (count == 0) {
            return factory.constructType(type.getRawClass());
        }
        JavaType[] arguments = new JavaType[count];
        for (int i = 0; i < count; i++) {
            arguments[i] = resolve(type.containedType(i));
        }
        return factory.constructParametricType(type.getRawClass(), arguments);
    }

    /** Encodes arguments as one JSON array, each element with its declared parameter type. */
    public String encodeArguments(TaskDescriptor<?> task, Object[] arguments) {
        List<TaskDescriptor.Parameter> parameters = task.parameters();
        if (arguments.length != parameters.size()) {
            throw new CodecException(task + " takes " + parameters.size() + " arguments, not " + arguments.length);
        }
        StringWriter out = new StringWriter(64);
        try (JsonGenerator generator = mapper().getFactory().createGenerator(out)) {
            generator.writeStartArray();
            for (int i = 0; i < arguments.length; i++) {
                TaskDescriptor.Parameter parameter = parameters.get(i);
                if (arguments[i] == null && parameter.type().isPrimitive()) {
                    throw new CodecException("argument " + i + " (" + parameter.name() + ") of " + task
                            + " is null but its type is " + parameter.type());
                }
                try {
                    writer(parameter.type().javaType()).writeValue(generator, arguments[i]);
                } catch (IOException | RuntimeException e) {
                    throw new CodecException("cannot encode argument " + i + " (" + parameter.name() + ") of "
                            + task + " as " + parameter.type() + ": " + e.getMessage(), e);
                }
            }
            generator.writeEndArray();
        } catch (IOException e) {
            throw new CodecException("cannot encode the arguments of " + task + ": " + e.getMessage(), e);
        }
        return out.toString();
    }

    /** Decodes a JSON array to the task's declared parameter types, element by element. */
    public Object[] decodeArguments(TaskDescriptor<?> task, String json) {
        List<TaskDescriptor.Parameter> parameters = task.parameters();
        Object[] values = new Object[parameters.size()];
        try (JsonParser parser = mapper().getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new CodecException("the arguments of " + task + " are not a JSON array");
            }
            for (int i = 0; i < values.length; i++) {
                TaskDescriptor.Parameter parameter = parameters.get(i);
                if (parser.nextToken() == JsonToken.END_ARRAY) {
                    throw new CodecException(task + " takes " + values.length + " arguments, the payload has " + i);
                }
                try {
                    values[i] = reader(parameter.type().javaType()).readValue(parser);
                } catch (JsonProcessingException e) {
                    throw new CodecException("argument " + i + " (" + parameter.name() + ") of " + task
                            + " does not decode as " + parameter.type() + ": " + DecodeErrors.describe(e), e);
                }
                if (values[i] == null && parameter.type().isPrimitive()) {
                    throw new CodecException("argument " + i + " (" + parameter.name() + ") of " + task
                            + " is null but its type is " + parameter.type());
                }
            }
            if (parser.nextToken() != JsonToken.END_ARRAY) {
                throw new CodecException(task + " takes " + values.length + " arguments, the payload has more");
            }
            if (parser.nextToken() != null) {
                throw new CodecException("the arguments of " + task + " have trailing data");
            }
        } catch (JsonProcessingException e) {
            throw new CodecException("the arguments of " + task + " are not valid JSON: " + DecodeErrors.describe(e), e);
        } catch (IOException e) {
            throw new CodecException("cannot read the arguments of " + task + ": " + e.getMessage(), e);
        }
        return values;
    }

    /** Encodes a value with its declared type. */
    public String encode(TypeRef<?> type, Object value) {
        try {
            return writer(type.javaType()).writeValueAsString(value);
        } catch (IOException | RuntimeException e) {
            throw new CodecException("cannot encode a " + type + ": " + e.getMessage(), e);
        }
    }

    /** Decodes a value to its declared type. */
    public <T> T decode(TypeRef<T> type, String json) {
        try {
            return documentReader(type.javaType()).readValue(json);
        } catch (JsonProcessingException e) {
            throw new CodecException("JSON does not decode as " + type + ": " + DecodeErrors.describe(e), e);
        } catch (IOException e) {
            throw new CodecException("cannot decode a " + type + ": " + e.getMessage(), e);
        }
    }

    /** Encodes a failure record: {@code {"c":class,"m":message,"s":stack,"n":attempts}}. */
    public String encodeFailure(JobFailure failure) {
        try {
            StringWriter out = new StringWriter();
            try (JsonGenerator generator = mapper().getFactory().createGenerator(out)) {
                generator.writeStartObject();
                generator.writeStringField("c", failure.exceptionClass());
                generator.writeStringField("m", failure.message());
                generator.writeStringField("s", failure.stackTrace());
                generator.writeNumberField("n", failure.attempts());
                generator.writeEndObject();
            }
            return out.toString();
        } catch (IOException e) {
            throw new CodecException("cannot encode a failure", e);
        }
    }

    /** Decodes a failure record; tolerant of missing fields. */
    public JobFailure decodeFailure(String json) {
        try {
            var node = mapper().readTree(json);
            return new JobFailure(
                    node.path("c").asText("unknown"),
                    node.path("m").asText(""),
                    node.path("s").asText(""),
                    node.path("n").asInt(0));
        } catch (IOException e) {
            return new JobFailure("dev.spool.UnreadableFailure", json, "", 0);
        }
    }

    /** Longest error message kept per entry of a job's attempt history, in characters. */
    public static final int MAX_HISTORY_MESSAGE = 300;

    /**
     * Encodes one entry of a job's attempt history, without its time (the script adds {@code t}):
     * {@code {"a":attempt,"w":worker,"c":class,"m":message}}, the message cut to {@value #MAX_HISTORY_MESSAGE}
     * characters.
     */
    public String encodeAttempt(int attempt, String worker, JobFailure failure) {
        String message = failure.message();
        if (message.length() > MAX_HISTORY_MESSAGE) {
            message = message.substring(0, MAX_HISTORY_MESSAGE) + "...";
        }
        try {
            StringWriter out = new StringWriter();
            try (JsonGenerator generator = mapper().getFactory().createGenerator(out)) {
                generator.writeStartObject();
                generator.writeNumberField("a", attempt);
                generator.writeStringField("w", worker == null ? "" : worker);
                generator.writeStringField("c", failure.exceptionClass());
                generator.writeStringField("m", message);
                generator.writeEndObject();
            }
            return out.toString();
        } catch (IOException e) {
            throw new CodecException("cannot encode an attempt", e);
        }
    }

    /** Decodes a job's attempt history (field {@code h}); tolerant of missing fields and bad input. */
    public List<dev.spool.DeadLetters.Attempt> decodeHistory(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            var node = mapper().readTree(json);
            List<dev.spool.DeadLetters.Attempt> attempts = new java.util.ArrayList<>();
            for (var entry : node) {
                attempts.add(new dev.spool.DeadLetters.Attempt(entry.path("a").asInt(0),
                        java.time.Instant.ofEpochMilli(entry.path("t").asLong(0)), entry.path("w").asText(""),
                        entry.path("c").asText(""), entry.path("m").asText("")));
            }
            return List.copyOf(attempts);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The size of a text in UTF-8 bytes; counts without copying when it is ASCII. */
    static long utf8Length(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            }
        }
        return text.length();
    }
}
