package dev.grantex.platform.auth;

import jakarta.ws.rs.container.ResourceInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

/** Which kind of caller a route serves, read from the annotations on its method or class. */
public final class RouteAnnotations {
    private RouteAnnotations() {
    }

    /** True when the matched route's method or class carries any of the annotations. */
    @SafeVarargs
    public static boolean has(ResourceInfo route, Class<? extends Annotation>... annotations) {
        Method method = route.getResourceMethod();
        if (method == null) {
            return false;
        }
        for (Class<? extends Annotation> annotation : annotations) {
            if (method.isAnnotationPresent(annotation) || route.getResourceClass().isAnnotationPresent(annotation)) {
                return true;
            }
        }
        return false;
    }
}
