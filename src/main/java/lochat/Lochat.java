package lochat;

import lochat.bench.BenchCommand;
import lochat.client.ClientCommand;
import lochat.cluster.ClusterCommand;
import lochat.discovery.DiscoverCommand;
import lochat.operators.HashPasswordCommand;
import lochat.server.ServerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lochat} command: {@code server} runs a server, {@code client} joins one,
 * {@code discover} lists those on the LAN, {@code cluster status} shows a cluster's members,
 * {@code bench} measures a server, {@code hash-password} makes an operator's password hash.
 */
@Command(
    name = "lochat",
    mixinStandardHelpOptions = true,
    versionProvider = Lochat.VersionProvider.class,
    description = "Chat on your local network.",
    subcommands = {ServerCommand.class, ClientCommand.class, DiscoverCommand.class,
        ClusterCommand.class, BenchCommand.class, HashPasswordCommand.class})
public final class Lochat implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Lochat()).execute(args));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Say what to run: 'lochat server', 'lochat client' or 'lochat discover'");
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"Lochat " + Version.CURRENT};
    }
  }
}
