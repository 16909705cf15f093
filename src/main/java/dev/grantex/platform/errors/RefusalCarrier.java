package dev.grantex.platform.errors;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.Arrays;

/**
 * Runs just inside the transaction interceptor (priority 200): an {@link ApiException} marks the
 * transaction for rollback, as the interceptor itself would (unless the method's dontRollbackOn
 * names it), and leaves as a {@link RefusalInTransit}, so that an ordinary 4xx answer writes no FFDC
 * incident file.
 */
@CarriesRefusals
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 201)
public class RefusalCarrier {
    @Resource
    TransactionSynchronizationRegistry transactions;

    @AroundInvoke
    Object carry(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (ApiException refusal) {
            if (rollsBack(invocation, refusal) && transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
                transactions.setRollbackOnly();
            }
            throw new RefusalInTransit(refusal);
        }
    }

    private static boolean rollsBack(InvocationContext invocation, ApiException refusal) {
        Transactional settings = invocation.getMethod().getAnnotation(Transactional.class);
        if (settings == null) {
            settings = invocation.getMethod().getDeclaringClass().getAnnotation(Transactional.class);
        }
        return settings == null || Arrays.stream(settings.dontRollbackOn()).noneMatch(type -> type.isInstance(refusal));
    }
}
