package dev.tlsrpt.warehouse.intake.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The {@code --imap} address as users write it: users with @, nested folders, ports, IPv6. */
class ImapAddressTest {
  @Test
  void imapsDefaultsToPort993AndInbox() {
    assertThat(ImapAddress.parse("imaps://tlsrpt@imap.example.org"))
        .isEqualTo(new ImapAddress(true, "tlsrpt", "imap.example.org", 993, "INBOX"));
    assertThat(ImapAddress.parse("IMAP://u@h/"))
        .isEqualTo(new ImapAddress(false, "u", "h", 143, "INBOX"));
  }

  @Test
  void aUserWithAnAtSignPlainOrEncodedAndANestedFolder() {
    ImapAddress plain =
        ImapAddress.parse("imaps://reports@example.org@imap.gmail.com/INBOX/tlsrpt");
    ImapAddress encoded =
        ImapAddress.parse("imaps://reports%40example.org@imap.gmail.com:993/INBOX/tlsrpt");
    ImapAddress expected =
        new ImapAddress(true, "reports@example.org", "imap.gmail.com", 993, "INBOX/tlsrpt");
    assertThat(plain).isEqualTo(expected);
    assertThat(encoded).isEqualTo(expected);
  }

  @Test
  void aPortAnIpv6HostAndAnEncodedFolderName() {
    assertThat(ImapAddress.parse("imap://u@127.0.0.1:3143/Rapports%20TLS"))
        .isEqualTo(new ImapAddress(false, "u", "127.0.0.1", 3143, "Rapports TLS"));
    assertThat(ImapAddress.parse("imaps://u@[2001:db8::1]:10993/INBOX"))
        .isEqualTo(new ImapAddress(true, "u", "2001:db8::1", 10993, "INBOX"));
  }

  @Test
  void onlyLoopbackHostsMayGoWithoutTls() {
    assertThat(ImapAddress.parse("imap://u@127.0.0.1/INBOX").isLoopback()).isTrue();
    assertThat(ImapAddress.parse("imap://u@localhost/INBOX").isLoopback()).isTrue();
    assertThat(ImapAddress.parse("imap://u@mail.example.org/INBOX").isLoopback()).isFalse();
  }

  @Test
  void malformedAddressesSayWhatIsWrong() {
    assertThatThrownBy(() -> ImapAddress.parse("pop3://u@h/INBOX"))
        .hasMessageContaining("imaps://USER@HOST");
    assertThatThrownBy(() -> ImapAddress.parse("imaps://imap.example.org/INBOX"))
        .hasMessageContaining("names no user");
    assertThatThrownBy(() -> ImapAddress.parse("imaps://u@h:99999/INBOX"))
        .hasMessageContaining("bad port '99999'");
    assertThatThrownBy(() -> ImapAddress.parse("imaps://u@:993/INBOX"))
        .hasMessageContaining("names no host");
  }
}
