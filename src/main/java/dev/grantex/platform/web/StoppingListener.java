package dev.grantex.platform.web;

import dev.grantex.platform.ApplicationStopping;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** Fires {@link ApplicationStopping} when the web module is destroyed, the first step of the application's stop. */
@WebListener
public class StoppingListener implements ServletContextListener {
    @Inject
    Event<ApplicationStopping> stopping;

    @Override
    public void contextDestroyed(ServletContextEvent destroyed) {
        stopping.fire(new ApplicationStopping());
    }
}
