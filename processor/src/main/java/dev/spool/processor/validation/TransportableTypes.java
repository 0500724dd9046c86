package dev.spool.processor.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Which parameter and result types JSON carries faithfully; {@code docs/types.md} explains the
 * rules to users. A type passes if the worker can decode exactly the value the caller passed,
 * knowing only the declared type: no polymorphic typing, no code, no handles to this JVM.
 */
public final class TransportableTypes {

    /** Where a type appears: the rules for {@code void}, {@code Void} and {@code Optional} differ. */
    public enum Position {
        PARAMETER,
        RESULT,
        NESTED
    }

    /**
     * A type that fails the rules.
     *
     * @param offender the part of the type that fails, e.g. {@code Object} in {@code List<Object>}
     * @param reason why, and what to use instead
     */
    public record Problem(TypeMirror offender, String reason) {}

    private static final Set<String> ALLOWED_ABSTRACT = Set.of(
            "java.util.List",
            "java.util.Set",
            "java.util.SortedSet",
            "java.util.NavigableSet",
            "java.util.Map",
            "java.util.SortedMap",
            "java.util.NavigableMap",
            "java.time.ZoneId");
    private static final Set<String> OPTIONALS = Set.of(
            "java.util.Optional", "java.util.OptionalInt", "java.util.OptionalLong", "java.util.OptionalDouble");
    private static final Set<String> MAP_KEYS = Set.of(
            "java.lang.String",
            "java.lang.Boolean",
            "java.lang.Byte",
            "java.lang.Short",
            "java.lang.Integer",
            "java.lang.Long",
            "java.lang.Float",
            "java.lang.Double",
            "java.lang.Character",
            "java.util.UUID");
    /** Jackson's tree types that decode without knowing more: the node kind is in the JSON itself. */
    private static final Set<String> JSON_TREES = Set.of(
            "com.fasterxml.jackson.databind.JsonNode",
            "com.fasterxml.jackson.databind.node.ObjectNode",
            "com.fasterxml.jackson.databind.node.ArrayNode");
    private static final String JSON_NODE = "JSON decodes to a JsonNode, an ObjectNode or an ArrayNode, not to a"
            + " particular kind of node; declare one of those three";
    private static final Set<String> AMBIGUOUS = Set.of(
            "java.lang.Iterable", "java.util.Iterator", "java.util.Collection");

    private static final String OBJECT = "Object does not say what to decode the JSON into; use a concrete type";
    private static final String RAW = "it is a raw type; add its type arguments, e.g. List<String>";
    private static final String WILDCARD =
            "a wildcard does not say what to decode the JSON into; use the exact type, e.g. List<Thumbnail>";
    private static final String TYPE_VARIABLE =
            "a type variable does not say what to decode the JSON into; use a concrete type";
    private static final String VOID = "Void carries nothing but null; remove it";
    private static final String OPTIONAL_NESTED =
            "Optional is supported only as a whole parameter or result type, not inside another type";
    private static final String MAP_KEY =
            "JSON object keys are strings, so a Map key must be String, a boxed primitive, an enum or UUID";
    private static final String GENERIC_ARRAY =
            "an array of a generic type cannot be created safely; use a List instead";
    private static final String SPOOL_HANDLE =
            "Job and Spool are handles to this process's connection; pass the data itself, or use @Chain"
                    + " to feed one task's result to the next";
    private static final String THROWABLE =
            "an exception's class, cause and stack trace do not survive JSON; pass a message or an error"
                    + " code";
    private static final String CODE =
            "Runnable, Callable and Thread are code or threads of this JVM; make the work a @Task of its"
                    + " own";
    private static final String FUTURE =
            "a future is a handle to work in this JVM; pass its value, or use @Chain to feed one task's"
                    + " result to the next";
    private static final String IO =
            "an open stream, reader or writer cannot travel to a worker; pass the content as byte[] or"
                    + " String";
    private static final String FILE =
            "a File or Path names a file on one machine; pass the content as byte[], or a location (String,"
                    + " URI) that the worker can resolve";
    private static final String CLASS =
            "a Class cannot be decoded from JSON safely; pass an enum or a name instead";
    private static final String STREAM =
            "a java.util.stream type can be consumed only once and has no JSON form; pass a List instead";
    private static final String FUNCTION =
            "a function or lambda is code, not data, and cannot travel to a worker; pass the data it"
                    + " needs, or an enum that selects the behaviour";
    private static final String AMBIGUOUS_COLLECTION =
            "it does not say which collection to create; use List or Set";
    private static final String INNER_CLASS =
            "a non-static inner class cannot be created without an enclosing instance; make it static";
    private static final String ABSTRACT =
            "JSON does not record which implementation to create, and Spool does no polymorphic typing;"
                    + " use a concrete class or a record";

    private final Elements elements;
    private final Types types;

    public TransportableTypes(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    /** The first part of {@code type} that JSON cannot carry faithfully, if any. */
    public Optional<Problem> check(TypeMirror type, Position position) {
        switch (type.getKind()) {
            case VOID:
                return position == Position.RESULT ? Optional.empty() : problem(type, VOID);
            case BOOLEAN:
            case BYTE:
            case SHORT:
            case INT:
            case LONG:
            case CHAR:
            case FLOAT:
            case DOUBLE:
                return Optional.empty();
            case ARRAY: {
                TypeMirror component = ((ArrayType) type).getComponentType();
                if (component.getKind() == TypeKind.DECLARED
                        && !((DeclaredType) component).getTypeArguments().isEmpty()) {
                    return problem(type, GENERIC_ARRAY);
                }
                return check(component, Position.NESTED);
            }
            case TYPEVAR:
                return problem(type, TYPE_VARIABLE);
            case WILDCARD:
                return problem(type, WILDCARD);
            case DECLARED:
                return checkDeclared((DeclaredType) type, position);
            case ERROR:
                return Optional.empty(); // deferred or reported as missing, never checked here
            default:
                return problem(type, TYPE_VARIABLE);
        }
    }

    private Optional<Problem> checkDeclared(DeclaredType type, Position position) {
        TypeElement element = (TypeElement) type.asElement();
        String name = element.getQualifiedName().toString();
        if (name.equals("java.lang.Object")) {
            return problem(type, OBJECT);
        }
        if (name.equals("java.lang.Void")) {
            return position == Position.RESULT ? Optional.empty() : problem(type, VOID);
        }
        if (!element.getTypeParameters().isEmpty() && type.getTypeArguments().isEmpty()) {
            return problem(type, RAW);
        }
        if (OPTIONALS.contains(name)) {
            return position == Position.NESTED ? problem(type, OPTIONAL_NESTED) : checkArguments(type);
        }
        if (isSubtype(element, "com.fasterxml.jackson.databind.JsonNode")) {
            return JSON_TREES.contains(name) ? Optional.empty() : problem(type, JSON_NODE);
        }
        Optional<String> denied = denied(element, name);
        if (denied.isPresent()) {
            return problem(type, denied.get());
        }
        if (element.getKind() == ElementKind.ENUM) {
            return Optional.empty();
        }
        boolean isAbstract = element.getKind().isInterface() || element.getModifiers().contains(Modifier.ABSTRACT);
        if (isAbstract && !ALLOWED_ABSTRACT.contains(name)) {
            return problem(type, isSubtype(element, "java.lang.Iterable") ? AMBIGUOUS_COLLECTION : ABSTRACT);
        }
        Optional<Problem> argumentProblem = checkArguments(type);
        if (argumentProblem.isPresent()) {
            return argumentProblem;
        }
        return mapKey(type).filter(key -> !isMapKey(key)).map(key -> new Problem(key, MAP_KEY));
    }

    private Optional<String> denied(TypeElement element, String name) {
        if (element.getKind() == ElementKind.CLASS
                && element.getNestingKind() == NestingKind.MEMBER
                && !element.getModifiers().contains(Modifier.STATIC)) {
            return Optional.of(INNER_CLASS);
        }
        if (isSubtype(element, "dev.spool.Job") || isSubtype(element, "dev.spool.Spool")) {
            return Optional.of(SPOOL_HANDLE);
        }
        if (isSubtype(element, "java.lang.Throwable")) {
            return Optional.of(THROWABLE);
        }
        if (isSubtype(element, "java.lang.Runnable")
                || isSubtype(element, "java.util.concurrent.Callable")
                || isSubtype(element, "java.lang.Thread")) {
            return Optional.of(CODE);
        }
        if (isSubtype(element, "java.util.concurrent.Future")
                || isSubtype(element, "java.util.concurrent.CompletionStage")) {
            return Optional.of(FUTURE);
        }
        if (isSubtype(element, "java.io.InputStream")
                || isSubtype(element, "java.io.OutputStream")
                || isSubtype(element, "java.io.Reader")
                || isSubtype(element, "java.io.Writer")) {
            return Optional.of(IO);
        }
        if (isSubtype(element, "java.io.File") || isSubtype(element, "java.nio.file.Path")) {
            return Optional.of(FILE);
        }
        if (name.equals("java.lang.Class")) {
            return Optional.of(CLASS);
        }
        if (packageOf(element).equals("java.util.stream") || isSubtype(element, "java.util.stream.BaseStream")) {
            return Optional.of(STREAM);
        }
        if (packageOf(element).equals("java.util.function") || isFunctionalInterface(element)) {
            return Optional.of(FUNCTION);
        }
        if (AMBIGUOUS.contains(name)) {
            return Optional.of(AMBIGUOUS_COLLECTION);
        }
        return Optional.empty();
    }

    private Optional<Problem> checkArguments(DeclaredType type) {
        for (TypeMirror argument : type.getTypeArguments()) {
            Optional<Problem> problem = check(argument, Position.NESTED);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /** The key type of a {@code Map} or a class that implements it. */
    private Optional<TypeMirror> mapKey(DeclaredType type) {
        TypeElement map = elements.getTypeElement("java.util.Map");
        if (!types.isSubtype(types.erasure(type), types.erasure(map.asType()))) {
            return Optional.empty();
        }
        return mapSupertype(type, map).map(mapType -> mapType.getTypeArguments().get(0));
    }

    private Optional<DeclaredType> mapSupertype(TypeMirror type, TypeElement map) {
        if (type.getKind() != TypeKind.DECLARED) {
            return Optional.empty();
        }
        DeclaredType declared = (DeclaredType) type;
        if (declared.asElement().equals(map)) {
            return declared.getTypeArguments().size() == 2 ? Optional.of(declared) : Optional.empty();
        }
        for (TypeMirror supertype : types.directSupertypes(type)) {
            Optional<DeclaredType> found = mapSupertype(supertype, map);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private boolean isMapKey(TypeMirror key) {
        if (key.getKind() != TypeKind.DECLARED) {
            return false;
        }
        TypeElement element = (TypeElement) ((DeclaredType) key).asElement();
        return element.getKind() == ElementKind.ENUM || MAP_KEYS.contains(element.getQualifiedName().toString());
    }

    private boolean isSubtype(TypeElement element, String qualifiedName) {
        TypeElement other = elements.getTypeElement(qualifiedName);
        return other != null && types.isSubtype(types.erasure(element.asType()), types.erasure(other.asType()));
    }

    private static boolean isFunctionalInterface(TypeElement element) {
        return element.getAnnotationMirrors().stream()
                .anyMatch(mirror -> ((TypeElement) mirror.getAnnotationType().asElement())
                        .getQualifiedName()
                        .contentEquals("java.lang.FunctionalInterface"));
    }

    private String packageOf(Element element) {
        PackageElement pkg = elements.getPackageOf(element);
        return pkg.getQualifiedName().toString();
    }

    private static Optional<Problem> problem(TypeMirror offender, String reason) {
        return Optional.of(new Problem(offender, reason));
    }

    /** Every declared type in {@code type}: itself, its type arguments and array components. */
    static List<DeclaredType> declaredTypesIn(TypeMirror type) {
        List<DeclaredType> found = new ArrayList<>();
        collect(type, found);
        return found;
    }

    private static void collect(TypeMirror type, List<DeclaredType> found) {
        if (type.getKind() == TypeKind.DECLARED) {
            DeclaredType declared = (DeclaredType) type;
            found.add(declared);
            declared.getTypeArguments().forEach(argument -> collect(argument, found));
        } else if (type.getKind() == TypeKind.ARRAY) {
            collect(((ArrayType) type).getComponentType(), found);
        }
    }
}
