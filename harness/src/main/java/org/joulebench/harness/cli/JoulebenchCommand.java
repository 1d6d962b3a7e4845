package org.joulebench.harness.cli;

import picocli.CommandLine.Command;

@Command(
        name = "joulebench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description =
                "Joules per operation for standard AI kernels: run, calibrate, list, submit, check, site, figure.",
        subcommands = {
            RunCommand.class,
            SweepCommand.class,
            CalibrateCommand.class,
            ListCommand.class,
            SubmitCommand.class,
            CheckCommand.class,
            KeygenCommand.class,
            SiteCommand.class,
            FigureCommand.class,
            VectorsCommand.class,
            VerifyOutputsCommand.class,
            BundleCommand.class,
            org.joulebench.harness.slurm.SlurmCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:a result failed (verification or error); everything measured was still written",
            "2:bad input (unknown kernel, backend, size, dtype, option)"
        })
public final class JoulebenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
