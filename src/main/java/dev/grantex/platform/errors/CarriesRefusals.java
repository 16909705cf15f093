package dev.grantex.platform.errors;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds {@link RefusalCarrier} and {@link RefusalUnwrapper}. Not written by hand:
 * {@link TransactionalRefusals} adds it wherever @Transactional is.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface CarriesRefusals {
    final class Literal extends AnnotationLiteral<CarriesRefusals> implements CarriesRefusals {
        static final Literal INSTANCE = new Literal();
    }
}
