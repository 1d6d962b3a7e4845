package org.joulebench.kernels.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** Discovery of backend providers on the class path. */
public final class Backends {
    private Backends() {}

    /** Every provider on the class path, sorted by id. */
    public static List<BackendProvider> providers() {
        return providers(Thread.currentThread().getContextClassLoader());
    }

    public static List<BackendProvider> providers(ClassLoader loader) {
        List<BackendProvider> list = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class, loader).forEach(list::add);
        list.sort(Comparator.comparing(BackendProvider::id));
        return list;
    }

    public static Optional<BackendProvider> find(String id) {
        return providers().stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
