package org.modsweep.explorer.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Where the explorer may listen. It binds the loopback address unless the user named another host with
 * {@code --host}: the app can start trainings, so exposing it on a network must be a deliberate choice.
 * Requests must name an allowed host ({@link AllowedHosts}: loopback names, and the {@code --allowed-host} names or
 * by default the bound host).
 */
public record BindPolicy(String host, int port, boolean hostGivenExplicitly, List<String> allowedHosts) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7860;

    public BindPolicy {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port " + port + " is not a TCP port (0..65535; 0 = any free port)");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("--host is empty");
        }
        allowedHosts = List.copyOf(allowedHosts);
        allowedHosts.forEach(AllowedHosts::checked); // a bad --allowed-host is refused before anything starts
    }

    public BindPolicy(String host, int port, boolean hostGivenExplicitly) {
        this(host, port, hostGivenExplicitly, List.of());
    }

    public static BindPolicy loopback(int port) {
        return new BindPolicy(DEFAULT_HOST, port, false);
    }

    /** Resolves the host and refuses a non-loopback address that was not asked for explicitly. */
    public InetAddress address() {
        InetAddress addr;
        try {
            addr = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--host '" + host + "' does not resolve to an address");
        }
        if (!addr.isLoopbackAddress() && !hostGivenExplicitly) {
            throw new IllegalArgumentException("refusing to listen on non-loopback address " + addr.getHostAddress()
                    + " without an explicit --host");
        }
        return addr;
    }

    public boolean loopbackOnly() {
        return address().isLoopbackAddress();
    }

    /** The names requests to {@code bound} (this policy's resolved address) may carry in Host and Origin. */
    public AllowedHosts allowed(InetAddress bound) {
        return AllowedHosts.of(bound, host, allowedHosts);
    }
}
