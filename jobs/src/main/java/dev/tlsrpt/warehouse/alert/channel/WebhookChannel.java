package dev.tlsrpt.warehouse.alert.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.alert.Notice;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The generic JSON webhook: one POST per notice, the body documented in docs/alerts.md (schema
 * {@value #SCHEMA}), signed with {@code X-Tlsrpt-Signature: sha256=<hex HMAC-SHA256 of the body>}
 * so the receiver can tell it came from us. Strings are escaped by Jackson, with {@code < > & '} as
 * unicode escapes so the body can be pasted into HTML unharmed.
 */
public final class WebhookChannel implements Channel {
  /** The payload's schema name and version; a change that breaks receivers raises the number. */
  public static final String SCHEMA = "tlsrpt-alert/1";

  public static final String SIGNATURE_HEADER = "X-Tlsrpt-Signature";
  private static final ObjectMapper JSON = mapper();

  private final URI url;
  private final byte[] secret;
  private final String id;

  /**
   * @param secret the HMAC key (from the environment, never the command line)
   */
  public WebhookChannel(URI url, String secret) {
    this.url = url;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.id = Channel.idOf("webhook", url.toString());
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String describe() {
    return "webhook " + HttpPost.hostOf(url);
  }

  @Override
  public void send(Notice n) throws DeliveryException {
    byte[] body = body(n, n.deliveryId(id));
    HttpPost.post(
        url,
        body,
        Map.of(
            SIGNATURE_HEADER,
            "sha256=" + sign(secret, body),
            "X-Tlsrpt-Delivery",
            n.deliveryId(id)),
        describe());
  }

  /** The JSON body for a notice. */
  static byte[] body(Notice n, String deliveryId) {
    ObjectNode o = JSON.createObjectNode();
    o.put("schema", SCHEMA);
    o.put("delivery_id", deliveryId);
    o.put("kind", n.kind().id());
    o.put("issue_id", n.issueId());
    o.put("domain", n.domain());
    o.put("rule", n.rule());
    o.put("result_type", n.resultType());
    o.put("severity", lower(n.severity()));
    o.put("previous_severity", n.previousSeverity() == null ? null : lower(n.previousSeverity()));
    n.mxHosts().forEach(o.putArray("mx_hosts")::add);
    o.put("sessions", n.sessions());
    n.reporters().forEach(o.putArray("reporters")::add);
    o.put("first_seen", n.firstSeen() == null ? null : n.firstSeen().toString());
    ObjectNode w = o.putObject("window");
    w.put("start", n.windowStart().toString());
    w.put("end", n.windowEnd().toString());
    o.put("title", n.title());
    o.put("diagnosis", n.diagnosis());
    n.fixSteps().forEach(o.putArray("fix_steps")::add);
    try {
      return JSON.writeValueAsBytes(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Lower-case hex HMAC-SHA256 of the body. */
  public static String sign(byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static ObjectMapper mapper() {
    ObjectMapper m = new ObjectMapper();
    m.getFactory().setCharacterEscapes(new HtmlSafeEscapes());
    return m;
  }

  /** JSON escapes plus {@code < > & '} as unicode escapes. */
  private static final class HtmlSafeEscapes extends CharacterEscapes {
    private final int[] escapes = CharacterEscapes.standardAsciiEscapesForJSON();

    HtmlSafeEscapes() {
      for (char c : new char[] {'<', '>', '&', '\''}) {
        escapes[c] = CharacterEscapes.ESCAPE_STANDARD;
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null;
    }
  }
}
