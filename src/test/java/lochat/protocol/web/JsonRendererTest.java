package lochat.protocol.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lochat.chat.ChatEvent;
import lochat.chat.ModeChange;
import lochat.chat.MessageKind;
import lochat.chat.Profile;
import lochat.chat.RoomInfo;
import lochat.chat.RoomModes;
import lochat.chat.RoomRefusal;
import lochat.chat.Roles;
import lochat.chat.Topic;
import lochat.protocol.line.ErrorCode;
import lochat.protocol.line.LineRenderer;
import lochat.store.EntryKind;
import lochat.store.HistoryEntry;
import lochat.store.ListEntry;
import org.junit.jupiter.api.Test;

class JsonRendererTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonRenderer RENDER = JsonRenderer.INSTANCE;
  private static final Instant AT = Instant.parse("2026-12-06T10:04:19.123Z");

  private static JsonNode read(String line) throws Exception {
    assertFalse(line.contains("\n"), "one line: " + line);
    return JSON.readTree(line);
  }

  private static ChatEvent.Posted post(String text, MessageKind kind) {
    return new ChatEvent.Posted("lobby", "alice", "alice", Profile.NATIVE, text, kind, Map.of(),
        AT, 42);
  }

  @Test
  void aPostCarriesItsIdTimeAndKind() throws Exception {
    JsonNode msg = read(RENDER.event(post("hi \"there\"\n</script><b>", MessageKind.TEXT)));
    assertEquals("msg", msg.path("type").asText());
    assertEquals("lobby", msg.path("room").asText());
    assertEquals("alice", msg.path("nick").asText());
    assertEquals("hi \"there\"\n</script><b>", msg.path("text").asText());
    assertEquals("text", msg.path("kind").asText());
    assertEquals(42, msg.path("id").asLong());
    assertEquals("2026-12-06T10:04:19.123Z", msg.path("time").asText());
    assertTrue(msg.path("history").isMissingNode());
    assertEquals("action", read(RENDER.event(post("waves", MessageKind.ACTION))).path("kind")
        .asText());
    assertEquals("notice", read(RENDER.event(post("psst", MessageKind.NOTICE))).path("kind")
        .asText());
    assertTrue(read(RENDER.history(post("old", MessageKind.TEXT))).path("history").asBoolean());
  }

  @Test
  void theOtherNodesAreTheirPagesAndChatSockets() throws Exception {
    JsonNode nodes = read(RENDER.nodes(List.of(
        new lochat.cluster.NodeEndpoints("10.0.0.8", 4444, 0, 6667, 0, 8080, 8443),
        new lochat.cluster.NodeEndpoints("fd00::9", 4444, 0, 0, 0, 0, 0),
        new lochat.cluster.NodeEndpoints("10.0.0.9", 4444, 0, 0, 0, 0, 9443))));
    assertEquals("nodes", nodes.path("type").asText());
    assertEquals("[{\"page\":\"http://10.0.0.8:8080/\",\"socket\":\"ws://10.0.0.8:8080/ws\"},"
        + "{\"page\":\"https://10.0.0.8:8443/\",\"socket\":\"wss://10.0.0.8:8443/ws\"},"
        + "{\"page\":\"https://10.0.0.9:9443/\",\"socket\":\"wss://10.0.0.9:9443/ws\"}]",
        nodes.path("nodes").toString());
    assertEquals("[]", read(RENDER.nodes(List.of())).path("nodes").toString());
  }

  @Test
  void aTimeWithoutMillisecondsStillHasThem() throws Exception {
    ChatEvent.Posted post = new ChatEvent.Posted("lobby", "a", "a", Profile.NATIVE, "x",
        MessageKind.TEXT, Map.of(), Instant.parse("2026-12-06T10:04:19Z"), 1);
    assertEquals("2026-12-06T10:04:19.000Z", read(RENDER.event(post)).path("time").asText());
  }

  @Test
  void storedTopicChangesAreTopicsFromHistory() throws Exception {
    JsonNode topic = read(RENDER.history(new HistoryEntry(7, "lobby", AT, "ann", "ann",
        Profile.NATIVE, EntryKind.TOPIC, "Be nice")));
    assertEquals("topic", topic.path("type").asText());
    assertEquals("Be nice", topic.path("text").asText());
    assertEquals("ann", topic.path("nick").asText());
    assertEquals(7, topic.path("id").asLong());
    assertTrue(topic.path("history").asBoolean());
    JsonNode cleared = read(RENDER.history(new HistoryEntry(8, "lobby", AT, "ann", "ann",
        Profile.NATIVE, EntryKind.TOPIC, "")));
    assertEquals("notopic", cleared.path("type").asText());
    JsonNode end = read(RENDER.historyEnd("lobby", List.of(new HistoryEntry(7, "lobby", AT,
        "ann", "ann", Profile.NATIVE, EntryKind.TEXT, "x"))));
    assertEquals(1, end.path("count").asInt());
    assertEquals(7, end.path("oldest").asLong());
  }

  @Test
  void membersComeWithTheirRoles() throws Exception {
    JsonNode who = read(RENDER.who("lobby", List.of("ann", "bob", "cy"),
        Map.of("ann", Roles.OPERATOR, "bob", new Roles(false, true))));
    JsonNode members = who.path("members");
    assertEquals(3, members.size());
    assertTrue(members.get(0).path("op").asBoolean());
    assertTrue(members.get(1).path("voice").asBoolean());
    assertFalse(members.get(2).path("op").asBoolean() || members.get(2).path("voice").asBoolean());
  }

  @Test
  void everyEventHasItsType() throws Exception {
    assertEquals("joined", type(new ChatEvent.MemberJoined("lobby", "bob", "bob")));
    assertEquals("left", type(new ChatEvent.MemberLeft("lobby", "bob", "quit", true)));
    assertEquals("renamed", type(new ChatEvent.MemberRenamed("lobby", "bob", "rob")));
    assertEquals("topic", type(new ChatEvent.TopicChanged("lobby", "bob",
        Optional.of(new Topic("t", "bob", AT)))));
    assertEquals("notopic", type(new ChatEvent.TopicChanged("lobby", "bob", Optional.empty())));
    assertEquals("priv", type(new ChatEvent.PrivateMessage("a", "a", Profile.WEB, "b", "x",
        MessageKind.TEXT, Map.of(), AT)));
    assertEquals("kicked", type(new ChatEvent.Kicked("lobby", "ann", "bob", "spam")));
    assertEquals("invited", type(new ChatEvent.Invited("lobby", "ann")));
    assertEquals("wallops", type(new ChatEvent.Wallops("ann", "ann", "restart")));
    assertEquals("error", type(new ChatEvent.PostRefused("lobby", RoomRefusal.CANNOT_SEND)));
    JsonNode mode = read(RENDER.event(new ChatEvent.ModesChanged("lobby", "ann",
        List.of(new ModeChange(true, 'o', "bob"), new ModeChange(true, 'm', "")))));
    assertEquals("+om bob", mode.path("changes").asText());
  }

  private static String type(ChatEvent event) throws Exception {
    return read(RENDER.event(event)).path("type").asText();
  }

  @Test
  void repliesMirrorTheNativeLines() throws Exception {
    assertEquals("nick", read(RENDER.ok("nick", "ann")).path("what").asText());
    JsonNode error = read(RENDER.error(ErrorCode.NICK_TAKEN, "Nickname ann is already in use"));
    assertEquals("nick-taken", error.path("code").asText());
    JsonNode refused = read(RENDER.refused(RoomRefusal.NOT_OPERATOR, "lobby", "bob"));
    assertEquals("not-operator", refused.path("code").asText());
    assertEquals("lobby", refused.path("room").asText());
    assertEquals("+ntk k", read(RENDER.modes("lobby",
        RoomModes.NEW_ROOM.withKey("k"), true)).path("modes").asText());
    JsonNode rooms = read(RENDER.rooms(List.of(new RoomInfo("lobby", 3, ""))));
    assertEquals(3, rooms.path("rooms").get(0).path("members").asInt());
    assertEquals("topic here", read(RENDER.room(new RoomInfo("games", 1, "topic here")))
        .path("topic").asText());
    JsonNode entry = read(RENDER.listEntry("lobby", new ListEntry('b', "*!*@10.0.0.7", "ann", AT)));
    assertEquals("b", entry.path("list").asText());
    assertEquals("*!*@10.0.0.7", entry.path("mask").asText());
    JsonNode whois = read(RENDER.whois("bob", "web", List.of("a", "b"), "Bob", true));
    assertEquals(2, whois.path("rooms").size());
    assertTrue(whois.path("operator").asBoolean());
    assertEquals(LineRenderer.HELP.size(), RENDER.help().size());
    assertEquals("t", read(RENDER.pong("t")).path("token").asText());
    assertEquals("t", read(RENDER.ping("t")).path("token").asText());
  }
}
