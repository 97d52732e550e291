package dev.tlsrpt.warehouse.alert.channel;

import dev.tlsrpt.warehouse.alert.Notice;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Alert mail through an SMTP relay with Jakarta Mail (Eclipse Angus): one message per notice, plain
 * text and HTML. In the HTML part every value is HTML-escaped; the subject is one line with control
 * characters removed. {@code smtp://} requires STARTTLS unless told otherwise; {@code smtps://}
 * uses TLS from the start. A message counts as delivered when the relay accepted it for every
 * recipient.
 */
public final class SmtpChannel implements Channel {
  private final SmtpTarget target;
  private final Session session;
  private final String id;

  public SmtpChannel(SmtpTarget target) {
    this.target = target;
    this.session = session(target);
    this.id = Channel.idOf("smtp", target.server() + " " + target.to());
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String describe() {
    return "smtp " + target.server().getHost() + ":" + target.port();
  }

  @Override
  public void send(Notice n) throws DeliveryException {
    try {
      MimeMessage m = new MimeMessage(session);
      m.setFrom(new InternetAddress(target.from(), true));
      for (String to : target.to()) {
        m.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
      }
      m.setSubject(NoticeText.subject(n), StandardCharsets.UTF_8.name());
      m.setHeader("X-Tlsrpt-Delivery", n.deliveryId(id));
      MimeBodyPart plain = new MimeBodyPart();
      plain.setText(String.join("\n", NoticeText.body(n)) + "\n", "UTF-8");
      MimeBodyPart html = new MimeBodyPart();
      html.setContent(html(n), "text/html; charset=UTF-8");
      MimeMultipart alt = new MimeMultipart("alternative", plain, html);
      m.setContent(alt);
      m.saveChanges();
      try (Transport tr = session.getTransport(target.implicitTls() ? "smtps" : "smtp")) {
        tr.connect();
        tr.sendMessage(m, m.getAllRecipients());
      }
    } catch (SendFailedException e) {
      throw new DeliveryException(describe() + " refused the message: " + e.getMessage(), false, e);
    } catch (MessagingException e) {
      throw new DeliveryException(describe() + " failed: " + e.getMessage(), true, e);
    }
  }

  /** The HTML part: headline, then each line escaped; fix steps as an ordered list. */
  static String html(Notice n) {
    StringBuilder b = new StringBuilder("<!DOCTYPE html><html><body>");
    b.append("<h2>").append(escape(NoticeText.headline(n))).append("</h2>");
    b.append("<pre style=\"white-space:pre-wrap\">");
    for (String line : NoticeText.body(n)) {
      b.append(escape(line)).append('\n');
    }
    return b.append("</pre></body></html>").toString();
  }

  /** HTML text escaping of {@code & < > " '}. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static Session session(SmtpTarget t) {
    Properties p = new Properties();
    String proto = t.implicitTls() ? "smtps" : "smtp";
    p.put("mail.transport.protocol", proto);
    p.put("mail." + proto + ".host", t.server().getHost());
    p.put("mail." + proto + ".port", String.valueOf(t.port()));
    p.put("mail." + proto + ".connectiontimeout", "10000");
    p.put("mail." + proto + ".timeout", "30000");
    p.put("mail." + proto + ".writetimeout", "30000");
    p.put("mail." + proto + ".ssl.checkserveridentity", "true");
    if (!t.implicitTls()) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", String.valueOf(t.starttlsRequired()));
    }
    if (t.user() == null) {
      return Session.getInstance(p);
    }
    p.put("mail." + proto + ".auth", "true");
    return Session.getInstance(
        p,
        new Authenticator() {
          @Override
          protected PasswordAuthentication getPasswordAuthentication() {
            return new PasswordAuthentication(t.user(), t.password());
          }
        });
  }
}
