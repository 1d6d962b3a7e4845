package org.joulebench.backend.external;

import org.joulebench.backend.conformance.BackendConformanceKit;
import org.joulebench.kernels.spi.BackendProvider;

/** The vendor runner skeleton, as shipped (NumPy standing in for the SDK), passes the kit: a valid starting point. */
class VendorSkeletonConformanceTest extends BackendConformanceKit {
    @Override
    protected BackendProvider provider() {
        return new VendorSkeletonProvider();
    }
}
