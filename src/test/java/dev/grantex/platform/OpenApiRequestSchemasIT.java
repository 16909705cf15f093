package dev.grantex.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Api;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.junit.jupiter.api.Test;

/**
 * Every operation's request schema in the served OpenAPI document names exactly the fields the
 * server reads: the components of the record its body is bound to, or its form parameters.
 */
class OpenApiRequestSchemasIT {
    private static final Map<Class<? extends Annotation>, String> METHODS = Map.of(GET.class, "get", POST.class, "post",
            PUT.class, "put", PATCH.class, "patch", DELETE.class, "delete");

    private record Operation(String path, String method, Set<String> fieldsRead, boolean form) {
    }

    @Test
    void everyRequestSchemaNamesTheFieldsTheServerReads() throws Exception {
        JsonObject document = Api.anonymous().get("/openapi?format=JSON").expect(200).json();
        JsonObject paths = document.getJsonObject("paths");
        JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
        List<Operation> operations = operationsWithBodies();
        assertTrue(operations.size() >= 15, "found the resources: " + operations);
        for (Operation operation : operations) {
            String where = operation.method().toUpperCase() + " " + operation.path();
            JsonObject pathItem = paths.getJsonObject(operation.path());
            assertNotNull(pathItem, where + " is in the document");
            JsonObject requestBody = pathItem.getJsonObject(operation.method()).getJsonObject("requestBody");
            assertNotNull(requestBody, where + " documents its request body");
            JsonObject content = requestBody.getJsonObject("content");
            String mediaType = operation.form() ? "application/x-www-form-urlencoded" : "application/json";
            JsonObject schema = content.getJsonObject(mediaType).getJsonObject("schema");
            if (schema.containsKey("$ref")) {
                String name = schema.getString("$ref").substring("#/components/schemas/".length());
                schema = schemas.getJsonObject(name);
            }
            Set<String> documented = schema.containsKey("properties")
                    ? new TreeSet<>(schema.getJsonObject("properties").keySet()) : Set.of();
            assertEquals(operation.fieldsRead(), documented, where);
        }
    }

    /**
     * The scanner reads a record accessor such as issuerUrl() as a bean getter and adds a property
     * "suerUrl" beside "issuerUrl"; a component named with @Schema(name) prevents it.
     */
    @Test
    void noSchemaHasABeanGetterEchoOfAProperty() {
        JsonObject schemas = Api.anonymous().get("/openapi?format=JSON").expect(200).json()
                .getJsonObject("components").getJsonObject("schemas");
        for (String schemaName : schemas.keySet()) {
            JsonObject properties = schemas.getJsonObject(schemaName).getJsonObject("properties");
            if (properties == null) {
                continue;
            }
            for (String property : properties.keySet()) {
                String capitalised = Character.toUpperCase(property.charAt(0)) + property.substring(1);
                assertFalse(Stream.of("is" + property, "is" + capitalised, "get" + capitalised).anyMatch(properties::containsKey),
                        schemaName + "." + property + " echoes another property's accessor");
            }
        }
    }

    /** The resource methods that read a body, found in the server's classes, with the fields they read. */
    private static List<Operation> operationsWithBodies() throws IOException, ClassNotFoundException {
        java.nio.file.Path classes = java.nio.file.Path.of("target/classes");
        List<String> names;
        try (Stream<java.nio.file.Path> files = Files.walk(classes.resolve("dev/grantex"))) {
            names = files.map(classes::relativize).map(java.nio.file.Path::toString)
                    .filter(name -> name.endsWith("Resource.class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
        List<Operation> operations = new ArrayList<>();
        for (String name : names) {
            Class<?> resource = Class.forName(name, false, OpenApiRequestSchemasIT.class.getClassLoader());
            Path root = resource.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : resource.getDeclaredMethods()) {
                String verb = METHODS.entrySet().stream().filter(e -> method.isAnnotationPresent(e.getKey()))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String path = ("/" + root.value() + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/")
                        .replaceAll("(.)/$", "$1");
                Set<String> form = Arrays.stream(method.getParameters()).filter(p -> p.isAnnotationPresent(FormParam.class))
                        .map(p -> p.getAnnotation(FormParam.class).value()).collect(Collectors.toCollection(TreeSet::new));
                if (!form.isEmpty()) {
                    operations.add(new Operation(path, verb, form, true));
                }
                for (Parameter parameter : method.getParameters()) {
                    if (!isEntity(parameter)) {
                        continue;
                    }
                    RequestBody documented = parameter.getAnnotation(RequestBody.class);
                    assertNotNull(documented, resource.getSimpleName() + "." + method.getName() + " reads a body it does not document");
                    Class<?> type = documented.content()[0].schema().implementation();
                    assertTrue(type.isRecord(), type + " is a request record");
                    Set<String> fields = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                            .collect(Collectors.toCollection(TreeSet::new));
                    assertFalse(fields.isEmpty(), type.getSimpleName());
                    operations.add(new Operation(path, verb, fields, false));
                }
            }
        }
        return operations;
    }

    private static boolean isEntity(Parameter parameter) {
        return Stream.of(PathParam.class, QueryParam.class, HeaderParam.class, FormParam.class, Context.class)
                .noneMatch(parameter::isAnnotationPresent);
    }
}
