package org.modsweep.explorer.server;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The host names a request may name in its {@code Host} and {@code Origin} headers. A DNS-rebinding page reaches
 * the explorer under the attacker's own name, so any name not listed here gets 403 before a handler runs.
 * Loopback names are always allowed (only a browser on this machine, or a tunnel to it, sends them); besides those,
 * the names given with {@code --allowed-host}, or by default the host the explorer is bound to (for a wildcard
 * bind such as 0.0.0.0: this machine's name and interface addresses).
 */
public final class AllowedHosts {

    /** A DNS name, an IPv4 literal, or a bracketed IPv6 literal; nothing that could carry a path or a port. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,252})|\\[[0-9a-f:.%a-z]{2,60}]");

    private final Set<String> names;

    private AllowedHosts(Set<String> names) {
        this.names = Collections.unmodifiableSet(names);
    }

    /**
     * @param bound  the address the server listens on
     * @param host   the {@code --host} value it came from
     * @param given  the {@code --allowed-host} values; empty for the default
     */
    public static AllowedHosts of(InetAddress bound, String host, List<String> given) {
        Set<String> names = new TreeSet<>();
        if (!given.isEmpty()) {
            for (String g : given) {
                names.add(checked(g));
            }
        } else if (bound.isAnyLocalAddress()) {
            names.addAll(machineNames());
        } else if (!bound.isLoopbackAddress()) {
            names.add(literal(host));
            names.add(literal(bound.getHostAddress()));
        }
        return new AllowedHosts(names);
    }

    /** The names besides the loopback ones, for the log and the tests. */
    public Set<String> names() {
        return names;
    }

    /** Whether a {@code Host} header value ({@code name} or {@code name:port}) names an allowed host. */
    public boolean allowsHost(String hostHeader) {
        String name = nameOf(hostHeader);
        return name != null && (loopback(name) || names.contains(name));
    }

    /** Whether an {@code Origin} header value ({@code http://name:port}) names an allowed host. */
    public boolean allowsOrigin(String origin) {
        try {
            URI u = new URI(origin);
            return "http".equalsIgnoreCase(u.getScheme())
                    && u.getRawAuthority() != null
                    && u.getRawUserInfo() == null
                    && allowsHost(u.getRawAuthority());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The host part of {@code name[:port]}, lower case, IPv6 in brackets; null when malformed. */
    static String nameOf(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        String name;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0) {
                return null;
            }
            name = h.substring(0, end + 1);
            h = h.substring(end + 1);
            if (!h.isEmpty() && !h.matches(":\\d{1,5}")) {
                return null;
            }
        } else {
            int colon = h.indexOf(':');
            name = colon < 0 ? h : h.substring(0, colon);
            if (colon >= 0 && !h.substring(colon).matches(":\\d{1,5}")) {
                return null;
            }
        }
        if (name.endsWith(".") && name.length() > 1) {
            name = name.substring(0, name.length() - 1); // "localhost." is localhost
        }
        return NAME.matcher(name).matches() ? name : null;
    }

    private static boolean loopback(String name) {
        return name.equals("localhost") || name.equals("[::1]") || name.matches("127(\\.\\d{1,3}){3}");
    }

    static String checked(String given) {
        String name = given == null ? null : nameOf(given);
        if (name == null || given.contains(":") && !given.trim().startsWith("[")) {
            throw new IllegalArgumentException("--allowed-host '" + given + "' is not a host name (give the name"
                    + " browsers use, without scheme or port, e.g. explorer.example.org)");
        }
        return name;
    }

    private static String literal(String hostOrAddress) {
        String h = hostOrAddress.toLowerCase(Locale.ROOT);
        return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
    }

    private static Set<String> machineNames() {
        Set<String> out = new TreeSet<>();
        try {
            InetAddress local = InetAddress.getLocalHost();
            out.add(local.getHostName().toLowerCase(Locale.ROOT));
            out.add(local.getCanonicalHostName().toLowerCase(Locale.ROOT));
        } catch (UnknownHostException e) {
            // a machine without a resolvable name: its addresses still work
        }
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    String s = a.getHostAddress();
                    int zone = s.indexOf('%');
                    out.add(literal(zone < 0 ? s : s.substring(0, zone)));
                }
            }
        } catch (SocketException e) {
            // no interface list: the machine's name remains
        }
        return out;
    }
}
