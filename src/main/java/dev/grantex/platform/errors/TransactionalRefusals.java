package dev.grantex.platform.errors;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.enterprise.inject.spi.configurator.AnnotatedTypeConfigurator;
import jakarta.transaction.Transactional;

/**
 * Adds {@link CarriesRefusals} to every @Transactional class and method, so that every transaction
 * boundary carries ApiExceptions past Liberty's interceptor without an FFDC incident. (The
 * interceptors cannot bind to @Transactional itself: its TxType is a binding member, so one
 * interceptor would match one TxType only.)
 */
public class TransactionalRefusals implements Extension {
    <T> void mark(@Observes @WithAnnotations(Transactional.class) ProcessAnnotatedType<T> event) {
        AnnotatedTypeConfigurator<T> type = event.configureAnnotatedType();
        if (type.getAnnotated().isAnnotationPresent(Transactional.class)) {
            type.add(CarriesRefusals.Literal.INSTANCE);
        }
        type.methods().stream()
                .filter(method -> method.getAnnotated().isAnnotationPresent(Transactional.class))
                .forEach(method -> method.add(CarriesRefusals.Literal.INSTANCE));
    }
}
