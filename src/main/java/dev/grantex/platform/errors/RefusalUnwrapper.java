package dev.grantex.platform.errors;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.TransactionalException;

/**
 * Runs just outside the transaction interceptor: gives callers back the ApiException that
 * {@link RefusalCarrier} carried through it (which arrives wrapped in a TransactionalException, as
 * the interceptor wraps checked exceptions a method does not declare).
 */
@CarriesRefusals
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 199)
public class RefusalUnwrapper {
    @AroundInvoke
    Object unwrap(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (RefusalInTransit carried) {
            throw carried.refusal();
        } catch (TransactionalException wrapped) {
            if (wrapped.getCause() instanceof RefusalInTransit carried) {
                throw carried.refusal();
            }
            throw wrapped;
        }
    }
}
