package dev.grantex.platform.web;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Request durations per route template, method and status on /metrics
 * (http_server_request_duration_seconds{http_route="/v1/agents/{id}",…}). Liberty's HTTP monitor
 * measures the same, but it looks its timer up by tags on every request, which cost verify a
 * quarter of its rate; here each route's timer is looked up once and then only updated.
 * Requests that match no route are counted under http_route="unmatched".
 */
@Provider
@PreMatching
@Priority(1)
public class RouteDurationFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String STARTED = RouteDurationFilter.class.getName() + ".started";
    private static final Metadata METADATA = Metadata.builder().withName("http_server_request_duration")
            .withDescription("Time to answer HTTP requests, per route template").withUnit(MetricUnits.SECONDS).build();
    private static final String UNMATCHED = "unmatched";
    /** Unmatched requests may carry any method name; others are counted as OTHER, so a scanner cannot add timers. */
    private static final Set<String> STANDARD_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /** method is null when the request matched no route. */
    private record RouteStatus(Method method, String httpMethod, int status) {
    }

    private final Map<RouteStatus, Timer> timers = new ConcurrentHashMap<>();

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Context
    ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(STARTED) instanceof Long started)) {
            return;
        }
        Method method = resourceInfo.getResourceMethod();
        String httpMethod = method != null || STANDARD_METHODS.contains(request.getMethod()) ? request.getMethod() : "OTHER";
        timers.computeIfAbsent(new RouteStatus(method, httpMethod, response.getStatus()), this::timer)
                .update(Duration.ofNanos(System.nanoTime() - started));
    }

    private Timer timer(RouteStatus key) {
        String route = key.method() == null ? UNMATCHED : template(resourceInfo.getResourceClass(), key.method());
        return registry.timer(METADATA, new Tag("http_request_method", key.httpMethod()),
                new Tag("http_route", route), new Tag("http_response_status_code", Integer.toString(key.status())));
    }

    /** The application is rooted at "/", so a route is its class's @Path joined with its method's. */
    private static String template(Class<?> resource, Method method) {
        StringBuilder route = new StringBuilder();
        for (Path path : new Path[] {resource.getAnnotation(Path.class), method.getAnnotation(Path.class)}) {
            if (path == null) {
                continue;
            }
            String segment = path.value().replaceAll("^/+|/+$", "");
            if (!segment.isEmpty()) {
                route.append('/').append(segment);
            }
        }
        return route.length() == 0 ? "/" : route.toString();
    }
}
