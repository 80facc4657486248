package lochat.protocol.web;

import java.time.Duration;
import java.util.Optional;
import lochat.chat.Profile;
import lochat.protocol.LineEncoding;
import lochat.protocol.line.LineCommand;
import lochat.protocol.line.LineCommandParser;
import lochat.protocol.line.NativeCodec;
import lochat.protocol.line.NativeReplies;

/**
 * The browser's wire form of the native session: JSON messages in ({@link WebCommandParser}),
 * JSON messages out ({@link JsonRenderer}), and a keep-alive, since a browser tab that vanishes
 * (a laptop shut, a phone out of range) says nothing.
 *
 * @param pingInterval how long a client may be quiet before it is sent a {@code ping}
 * @param pingTimeout how long it then has to send anything before it is disconnected
 */
public record WebCodec(Duration pingInterval, Duration pingTimeout) implements NativeCodec {

  @Override
  public String protocol() {
    return Profile.WEB;
  }

  @Override
  public NativeReplies replies() {
    return JsonRenderer.INSTANCE;
  }

  @Override
  public LineCommand parse(String line) {
    return WebCommandParser.parse(line, LineCommandParser::parse);
  }

  @Override
  public LineCommand parseRegistration(String line) {
    return WebCommandParser.parse(line, LineCommandParser::parseRegistration);
  }

  @Override
  public LineCommand parsePassword(String line) {
    return WebCommandParser.parse(line, LineCommandParser::parsePassword);
  }

  /** One text frame per message ({@link TextFrames}). */
  @Override
  public LineEncoding encoding() {
    return TextFrames.INSTANCE;
  }

  @Override
  public Optional<Pinging> pinging() {
    return Optional.of(new Pinging(pingInterval, pingTimeout, JsonRenderer.INSTANCE::ping));
  }
}
