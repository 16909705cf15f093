package dev.grantex.platform.web;

import dev.grantex.platform.Text;
import dev.grantex.platform.errors.ApiException;
import dev.grantex.platform.errors.ErrorCodes;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks what a request carries before a resource sees it, so that nothing malformed reaches a
 * service or the database:
 * <ul>
 * <li>every query parameter and path parameter is valid UTF-8 without control characters, and a
 *     path parameter holds no (encoded) '/' or '\' (400);</li>
 * <li>a request with a body, or with a Content-Type, is of a media type the route consumes
 *     ({@link Consumes}, application/json when the route names none; 415), with no charset but UTF-8;</li>
 * <li>a JSON body is valid UTF-8 (400) rather than read with replacement characters.</li>
 * </ul>
 */
@Provider
@Priority(Priorities.HEADER_DECORATOR)
public class RequestInputFilter implements ContainerRequestFilter {
    private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH");
    /** Each route's media types, read once from its annotations. */
    private static final Map<Method, List<MediaType>> CONSUMED = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        if (resourceInfo.getResourceMethod() == null) {
            return;
        }
        checkQuery(rawQuery(request));
        request.getUriInfo().getPathParameters().forEach(RequestInputFilter::checkPathParameter);
        if (METHODS_WITH_BODY.contains(request.getMethod())) {
            checkBody(request);
        }
    }

    /** The raw query string; JAX-RS cannot even build the request URI when an escape in it is malformed. */
    private static String rawQuery(ContainerRequestContext request) {
        try {
            return request.getUriInfo().getRequestUri().getRawQuery();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("The query string is not valid percent-encoded UTF-8");
        }
    }

    private static void checkQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = Text.percentDecoded(equals < 0 ? pair : pair.substring(0, equals), true);
            String value = equals < 0 ? "" : Text.percentDecoded(pair.substring(equals + 1), true);
            if (name == null || value == null) {
                throw ApiException.badRequest("The query string is not valid percent-encoded UTF-8");
            }
            if (Text.hasControlCharacter(name, true) || Text.hasControlCharacter(value, true)) {
                throw ApiException.badRequest("Query parameter '" + printable(name) + "' must not contain control characters");
            }
        }
    }

    private static void checkPathParameter(String name, List<String> values) {
        for (String value : values) {
            if (Text.hasControlCharacter(value, true) || !Text.storable(value) || value.indexOf('\uFFFD') >= 0
                    || value.indexOf('/') >= 0 || value.indexOf('\\') >= 0) {
                throw ApiException.badRequest("Path parameter '" + name
                        + "' must be UTF-8 text without control characters, '/' or '\\'");
            }
        }
    }

    private void checkBody(ContainerRequestContext request) {
        boolean hasBody = request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null;
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (!hasBody && contentType == null) {
            return;
        }
        List<MediaType> consumed = CONSUMED.computeIfAbsent(resourceInfo.getResourceMethod(), RequestInputFilter::consumedTypes);
        if (consumed.stream().noneMatch(type -> accepted(contentType, type))) {
            MediaType first = consumed.get(0);
            throw new ApiException(415, ErrorCodes.forStatus(415), "Unsupported media type: send "
                    + consumed.stream().map(type -> type.getType() + "/" + type.getSubtype()).collect(Collectors.joining(" or "))
                    + (json(first) ? " (UTF-8)" : ""));
        }
        if (hasBody && json(consumed.get(0))) {
            request.setEntityStream(new ByteArrayInputStream(utf8Body(request)));
        }
    }

    /** JSON, or a JSON-based type such as SCIM's application/scim+json. */
    private static boolean json(MediaType type) {
        return MediaType.APPLICATION_JSON_TYPE.isCompatible(type) || type.getSubtype().endsWith("+json");
    }

    /** The sent type is the consumed one; the exact header every SDK sends is taken without parsing. */
    private static boolean accepted(String contentType, MediaType consumed) {
        if (consumed == MediaType.APPLICATION_JSON_TYPE && MediaType.APPLICATION_JSON.equalsIgnoreCase(contentType)) {
            return true;
        }
        MediaType sent = parse(contentType);
        return sent != null && sent.isCompatible(consumed) && !sent.isWildcardType() && !sent.isWildcardSubtype()
                && utf8OrNone(sent);
    }

    private static List<MediaType> consumedTypes(Method method) {
        Consumes consumes = method.getAnnotation(Consumes.class);
        if (consumes == null) {
            consumes = method.getDeclaringClass().getAnnotation(Consumes.class);
        }
        return consumes == null || consumes.value().length == 0 ? List.of(MediaType.APPLICATION_JSON_TYPE)
                : Arrays.stream(consumes.value()).map(MediaType::valueOf).toList();
    }

    private static MediaType parse(String contentType) {
        if (contentType == null) {
            return null;
        }
        try {
            return MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean utf8OrNone(MediaType type) {
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        return charset == null || "utf-8".equalsIgnoreCase(charset);
    }

    private static byte[] utf8Body(ContainerRequestContext request) {
        byte[] body;
        try {
            body = request.getEntityStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!Text.ascii(body)) {
            try {
                Text.strictUtf8(body);
            } catch (CharacterCodingException e) {
                throw ApiException.badRequest("Request body is not valid UTF-8");
            }
        }
        return body;
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(64).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
