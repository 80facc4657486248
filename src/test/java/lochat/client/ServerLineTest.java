package lochat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ServerLineTest {

  @Test
  void kindIsTheFirstWordAndBodyTheRest() {
    ServerLine line = ServerLine.parse("MSG lobby alice hi there");
    assertEquals("MSG", line.kind());
    assertEquals("lobby alice hi there", line.body());
  }

  @Test
  void lineWithoutSpaceIsAllKind() {
    assertEquals(new ServerLine("ROOMS", ""), ServerLine.parse("ROOMS"));
  }

  @Test
  void fieldsAreSpaceSeparated() {
    ServerLine line = ServerLine.parse("MSG lobby alice hi there");
    assertEquals("lobby", line.field(0));
    assertEquals("alice", line.field(1));
    assertEquals("hi", line.field(2));
    assertEquals("there", line.field(3));
  }

  @Test
  void missingFieldIsEmpty() {
    ServerLine line = ServerLine.parse("JOINED lobby");
    assertEquals("", line.field(1));
    assertEquals("", line.field(5));
    assertEquals("", ServerLine.parse("ROOMS").field(0));
  }

  @Test
  void restKeepsTheFreeTextWithItsSpaces() {
    ServerLine line = ServerLine.parse("MSG lobby alice  indented  text ");
    assertEquals(" indented  text ", line.rest(2));
    assertEquals("alice  indented  text ", line.rest(1));
    assertEquals("lobby alice  indented  text ", line.rest(0));
  }

  @Test
  void missingRestIsEmpty() {
    assertEquals("", ServerLine.parse("WHO lobby").rest(1));
  }

  @Test
  void unknownKindIsKept() {
    ServerLine line = ServerLine.parse("TYPING lobby alice");
    assertEquals("TYPING", line.kind());
    assertEquals("alice", line.field(1));
  }
}
