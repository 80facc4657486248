package lochat.cluster;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lochat cluster}: the commands about a running Lochat cluster; {@code status} for now. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "Look at a running Lochat cluster.",
    subcommands = {ClusterStatusCommand.class})
public final class ClusterCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Say what to do: 'lochat cluster status'");
  }
}
