package lochat.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DiscoverCommandTest {

  @Test
  void discoverSaysWhatIsWrongWithABadInterfaceAndExitsTwo() {
    StringWriter err = new StringWriter();
    int status = new CommandLine(new DiscoverCommand()).setErr(new PrintWriter(err))
        .execute("--interface", "eth0");
    assertEquals(2, status);
    assertEquals("Invalid --interface: not an IPv4 address such as 192.168.1.10 or 127.0.0.1:"
        + " 'eth0'", err.toString().strip());
  }

  @Test
  void aBadTimeoutOrAnAddressOfAnotherMachineIsOneLineAndExitStatusTwo() {
    StringWriter err = new StringWriter();
    int status = new CommandLine(new DiscoverCommand()).setErr(new PrintWriter(err))
        .execute("--timeout", "soon");
    assertEquals(2, status);
    assertEquals("Invalid --timeout: a number of seconds from 0.1 to 300, such as 3, 1.5 or"
        + " 500ms, not 'soon'", err.toString().strip());
    StringWriter other = new StringWriter();
    status = new CommandLine(new DiscoverCommand()).setErr(new PrintWriter(other))
        .execute("--interface", "192.0.2.99");
    assertEquals(2, status);
    assertEquals("Invalid --interface: no interface of this machine has address 192.0.2.99",
        other.toString().strip());
  }
}
