package dev.tlsrpt.warehouse.alert.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.alert.Notice;
import java.net.URI;
import java.util.Map;

/**
 * A Slack-compatible incoming webhook ({@code {"text": ...}}, which Mattermost takes too): a bold
 * headline of our own words, then the notice's facts and fix in a code block. Report strings go
 * only into the code block, where Slack applies no formatting, with {@code & < >} escaped as Slack
 * requires (so {@code <!channel>} or a {@code <url|link>} shows as text) and backticks replaced, so
 * a value can neither close the block, mention anyone, nor link anywhere.
 */
public final class SlackChannel implements Channel {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI url;
  private final String id;

  public SlackChannel(URI url) {
    this.url = url;
    this.id = Channel.idOf("slack", url.toString());
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String describe() {
    return "slack webhook " + HttpPost.hostOf(url);
  }

  @Override
  public void send(Notice n) throws DeliveryException {
    HttpPost.post(url, body(n), Map.of(), describe());
  }

  static byte[] body(Notice n) {
    ObjectNode o = JSON.createObjectNode();
    o.put("text", text(n));
    try {
      return JSON.writeValueAsBytes(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The message in Slack mrkdwn. */
  static String text(Notice n) {
    StringBuilder b = new StringBuilder();
    b.append('*').append(NoticeText.headline(n)).append("*\n```\n");
    for (String line : NoticeText.body(n)) {
      b.append(escape(line)).append('\n');
    }
    return b.append("```").toString();
  }

  /**
   * Slack's three control characters as entities; backticks (which would end the code block) as the
   * look-alike U+02CB.
   */
  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('`', '\u02CB');
  }
}
