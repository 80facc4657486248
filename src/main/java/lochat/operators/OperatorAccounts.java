package lochat.operators;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.Map;
import java.util.TreeMap;

/**
 * The server operators of {@code lochat.operators { NAME = HASH }}: who may become one with
 * {@code OPER NAME PASSWORD}, each with a hash made by {@code lochat hash-password}.
 *
 * <p>A value that is not such a hash is refused when the server starts, so that a password
 * written in plain text is never taken for one. {@link #verify} takes as long for a name that
 * is not configured as for one that is (it checks against a hash of its own), so that the time
 * an answer takes does not tell which names exist. Names are compared exactly. Immutable; {@link
 * #verify} is slow on purpose and must run off actor threads.
 */
public final class OperatorAccounts {

  /** No operators: {@code OPER} is answered with ERR_NOOPERHOST. */
  public static final OperatorAccounts NONE = new OperatorAccounts(Map.of());

  private static final String PATH = "operators";

  private final Map<String, String> hashes;

  private OperatorAccounts(Map<String, String> hashes) {
    this.hashes = Map.copyOf(hashes);
  }

  /**
   * Operators by name, each with its hash.
   *
   * @throws IllegalArgumentException when a value is not a hash {@link PasswordHash} made
   */
  public static OperatorAccounts of(Map<String, String> hashes) {
    hashes.forEach((name, hash) -> {
      if (!PasswordHash.isHash(hash)) {
        throw new IllegalArgumentException(name + " is not given a password hash");
      }
    });
    return new OperatorAccounts(hashes);
  }

  /**
   * The {@code operators} block of {@code lochat}.
   *
   * @throws ConfigException when a value is not a hash made by {@code lochat hash-password}
   */
  public static OperatorAccounts fromConfig(Config lochat) {
    if (!lochat.hasPath(PATH)) {
      return NONE;
    }
    Map<String, String> hashes = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> entry : lochat.getObject(PATH).entrySet()) {
      String path = ConfigUtil.joinPath("lochat", PATH, entry.getKey());
      ConfigValue value = entry.getValue();
      if (value.valueType() != ConfigValueType.STRING
          || !PasswordHash.isHash((String) value.unwrapped())) {
        throw new ConfigException.BadValue(value.origin(), path, "must be a password hash made"
            + " by 'lochat hash-password' (pbkdf2-sha256$...), never the password itself");
      }
      hashes.put(entry.getKey(), (String) value.unwrapped());
    }
    return new OperatorAccounts(hashes);
  }

  public boolean isEmpty() {
    return hashes.isEmpty();
  }

  /** Whether {@code name} is an operator whose password is {@code password}. Slow. */
  public boolean verify(String name, char[] password) {
    String hash = hashes.get(name);
    boolean matches = PasswordHash.matches(password, hash != null ? hash : Unknown.HASH);
    return hash != null && matches;
  }

  /** The hash an unknown name is checked against, made once, when first needed. */
  private static final class Unknown {
    private static final String HASH = PasswordHash.hash("not an operator".toCharArray());
  }
}
