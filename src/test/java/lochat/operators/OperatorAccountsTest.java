package lochat.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Optional;
import lochat.store.ServerBan;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OperatorAccountsTest {

  private static final String HASH = PasswordHash.hash("pw".toCharArray());

  @Test
  void operatorsAreReadFromTheirBlockAndVerified() {
    OperatorAccounts accounts = OperatorAccounts.fromConfig(ConfigFactory.parseString(
        "operators { ann = \"" + HASH + "\" }"));
    assertTrue(accounts.verify("ann", "pw".toCharArray()));
    assertFalse(accounts.verify("ann", "pW".toCharArray()));
    assertFalse(accounts.verify("bob", "pw".toCharArray()), "an unknown name");
    assertTrue(OperatorAccounts.fromConfig(ConfigFactory.parseString("operators {}")).isEmpty());
  }

  @Test
  void aPlainTextPasswordIsRefusedNamingTheSetting() {
    ConfigException refused = assertThrows(ConfigException.class, () ->
        OperatorAccounts.fromConfig(ConfigFactory.parseString("operators { ann = hunter2 }")));
    assertTrue(refused.getMessage().contains("lochat.operators.ann"), refused.getMessage());
    assertTrue(refused.getMessage().contains("lochat hash-password"), refused.getMessage());
    assertFalse(refused.getMessage().contains("hunter2"), "the password is not repeated");
  }

  @Test
  void banMasksAreCheckedAndMatchAddresses() {
    assertEquals("10.0.0.*", ServerBans.normal("*@10.0.0.*"));
    assertEquals(Optional.empty(), ServerBans.maskProblem("fd00::*"));
    assertTrue(ServerBans.maskProblem("*").isPresent());
    assertTrue(ServerBans.maskProblem("*.*.*.*").isPresent());
    assertTrue(ServerBans.maskProblem("evil.example.com").isPresent());
    assertTrue(ServerBans.maskProblem("").isPresent());
    ServerBans bans = ServerBans.of(List.of(new ServerBan("10.0.0.*", "spam", "ann",
        Instant.EPOCH)));
    assertEquals(Optional.of("Banned from this server: spam"), bans.refusal("10.0.0.42"));
    assertEquals(Optional.empty(), bans.refusal("10.0.1.42"));
    assertEquals(Optional.empty(), bans.without("10.0.0.*").refusal("10.0.0.42"));
  }
}
