package dev.grantex.events;

/**
 * CDI event: another node asked every node to act at once ({@link EventRelay#signal}), such as
 * forgetting a developer's rotated API key. Observed on the relay's thread; observers must be quick.
 */
public record NodeSignal(String topic, String payload) {
}
