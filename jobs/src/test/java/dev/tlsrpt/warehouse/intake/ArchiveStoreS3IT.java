package dev.tlsrpt.warehouse.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.testing.S3Server;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The archive writer through s3a, against S3Proxy (an in-memory store) on loopback. */
class ArchiveStoreS3IT {
  private static S3Server s3;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3Server.start("mail");
  }

  @AfterAll
  static void stopS3() throws Exception {
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void writesOneObjectUnderItsDatedContentAddressedKeyOnceOnly() throws Exception {
    byte[] mail = "Subject: s3\r\n\r\nreport\r\n".getBytes(StandardCharsets.US_ASCII);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(mail));
    ArchiveStore archive = ArchiveStore.open("s3a://mail/inbox", s3.hadoopConf());

    ArchiveStore.Stored first = archive.store(LocalDate.of(2026, 12, 1), "eml", mail);
    ArchiveStore.Stored second = archive.store(LocalDate.of(2026, 12, 1), "eml", mail);

    String key = "inbox/2026/12/01/" + sha + ".eml";
    assertThat(first.isNew()).isTrue();
    assertThat(first.location()).isEqualTo("s3a://mail/" + key);
    assertThat(second.isNew()).isFalse();
    assertThat(s3.keys("mail")).containsExactly(key);
    assertThat(s3.get("mail", key)).isEqualTo(mail);
  }
}
