package io.mycel.hil;

import io.mycel.faults.proxy.FaultProxyMain;
import io.mycel.scenario.cli.CommandExtension;

/** {@code mycel fault-proxy --api HOST:PORT}: the fault proxy's daemon from the lab's own command line. */
public final class FaultProxyCommand implements CommandExtension {

    @Override
    public String name() {
        return "fault-proxy";
    }

    @Override
    public Object command() {
        return new FaultProxyMain();
    }
}
