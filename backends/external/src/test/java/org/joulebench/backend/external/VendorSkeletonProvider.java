package org.joulebench.backend.external;

/** The external backend with runners/vendor_runner_skeleton.py. */
public class VendorSkeletonProvider extends ExternalBackendProvider {
    public VendorSkeletonProvider() {
        super("python3 " + Runners.DIR.resolve("vendor_runner_skeleton.py"));
    }
}
