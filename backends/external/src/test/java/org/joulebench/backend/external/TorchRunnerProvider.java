package org.joulebench.backend.external;

/**
 * The external backend with the PyTorch runner on the CPU (the device CI has), started with {@code python3} or the
 * interpreter named by {@code JOULEBENCH_TORCH_PYTHON} (a venv with torch). Where torch does not import, the
 * runner exits before its hello and the backend is unavailable with that reason: the kit then skips.
 */
public class TorchRunnerProvider extends ExternalBackendProvider {
    public TorchRunnerProvider() {
        super(command());
    }

    static String command() {
        String python = System.getenv("JOULEBENCH_TORCH_PYTHON");
        return (python == null || python.isBlank() ? "python3" : python) + " " + Runners.DIR.resolve("torch_runner.py")
                + " --devices " + System.getProperty("joulebench.torch.devices", "cpu");
    }
}
