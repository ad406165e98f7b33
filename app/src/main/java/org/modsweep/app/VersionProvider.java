package org.modsweep.app;

import picocli.CommandLine;

/** Reports the modsweep version from the jar manifest (or "dev" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Modsweep.class.getPackage().getImplementationVersion();
        return new String[] {"modsweep " + (v == null ? "dev" : v)};
    }
}
