package lochat.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import lochat.protocol.irc.IrcCommand;
import org.junit.jupiter.api.Test;

class IrcHandlersTest {

  /** Carried out by the session's states themselves, as they change the state. */
  private static final Set<Class<?>> STATES_OWN =
      Set.of(IrcCommand.Pass.class, IrcCommand.User.class, IrcCommand.Quit.class);

  @Test
  void everyCommandTheParserCanProduceHasAHandlerOrIsAStatesOwn() {
    List<Class<?>> commands = Arrays.stream(IrcCommand.class.getPermittedSubclasses())
        .filter(type -> !type.isInterface()).toList();
    assertTrue(commands.size() >= 20, commands::toString);
    for (Class<?> command : commands) {
      assertTrue(IrcHandlers.handles(command) != STATES_OWN.contains(command),
          command.getSimpleName() + " must be handled in exactly one place");
    }
  }

  @Test
  void theStatesOwnCommandsAreNotInTheTable() {
    assertEquals(Set.of(), Set.copyOf(STATES_OWN.stream().filter(IrcHandlers::handles).toList()));
  }
}
