package lochat.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PemTest {

  @Test
  void encodesIn64CharacterLinesAndReadsItBack() {
    byte[] der = new byte[200];
    for (int i = 0; i < der.length; i++) {
      der[i] = (byte) i;
    }
    String pem = Pem.encode("CERTIFICATE", der);
    List<String> lines = pem.lines().toList();
    assertEquals("-----BEGIN CERTIFICATE-----", lines.get(0));
    assertEquals("-----END CERTIFICATE-----", lines.get(lines.size() - 1));
    assertTrue(lines.stream().allMatch(line -> line.length() <= 64), pem);
    assertEquals(64, lines.get(1).length());
    assertTrue(pem.endsWith("\n"));
    assertArrayEquals(der, Pem.parse(pem).get(0).der());
  }

  @Test
  void readsSeveralBlocksWithCrLfAndTextAroundThem() {
    String text = "Bag Attributes\r\n" + Pem.encode("EC PARAMETERS", new byte[] {6, 5})
        + "comment\n" + Pem.encode("EC PRIVATE KEY", new byte[] {1, 2, 3}).replace("\n", "\r\n");
    List<Pem.Block> blocks = Pem.parse(text);
    assertEquals(List.of("EC PARAMETERS", "EC PRIVATE KEY"),
        blocks.stream().map(Pem.Block::type).toList());
    assertArrayEquals(new byte[] {1, 2, 3}, blocks.get(1).der());
  }

  @Test
  void keepsTheHeadersOfTheOlderEncryptedForm() {
    String text = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
        + "DEK-Info: AES-256-CBC,00\n\nAQID\n-----END RSA PRIVATE KEY-----\n";
    Pem.Block block = Pem.parse(text).get(0);
    assertTrue(block.encryptedHeader());
    assertEquals("AES-256-CBC,00", block.headers().get("DEK-Info"));
    assertFalse(Pem.parse(Pem.encode("RSA PRIVATE KEY", new byte[] {1})).get(0)
        .encryptedHeader());
  }

  @Test
  void anUnfinishedBlockOrBrokenBase64IsRefusedWithItsLine() {
    IllegalArgumentException unfinished = assertThrows(IllegalArgumentException.class,
        () -> Pem.parse("x\n-----BEGIN CERTIFICATE-----\nAQID\n"));
    assertEquals("the block \"CERTIFICATE\" begun on line 2 has no END line",
        unfinished.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Pem.parse("-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n"));
  }

  @Test
  void textWithoutBlocksHasNone() {
    assertEquals(List.of(), Pem.parse("just some text\n"));
  }
}
