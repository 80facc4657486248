package lochat.server;

import java.time.Duration;

/**
 * Where one listener accepts connections, and how many it takes.
 *
 * @param host address to bind, {@code 0.0.0.0} for every interface
 * @param port TCP port; 0 picks a free one
 * @param backlog the listen backlog: connection attempts the OS queues before accepting
 * @param maxConnections most connections this listener keeps open; more are told so and closed
 * @param registrationTimeoutUnderPressure how long a connection may go without a nickname once
 *     three quarters of {@code maxConnections} are open
 * @param tls whether the listener speaks TLS (with the server's certificate) on its port
 */
public record ListenerSettings(
    String host, int port, int backlog, int maxConnections,
    Duration registrationTimeoutUnderPressure, boolean tls) {}
