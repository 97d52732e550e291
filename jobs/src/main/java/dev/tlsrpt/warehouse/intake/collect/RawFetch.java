package dev.tlsrpt.warehouse.intake.collect;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.MessageSet;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * The raw bytes of several messages in one {@code FETCH n,m,... (BODY.PEEK[])}: one round trip for
 * a group instead of one per message, which is what a mailbox of thousands of small reports costs
 * on a distant server. The bytes are the literal the server sends, untouched (Jakarta Mail's own
 * whole-message fetch re-serialises the headers). The caller bounds a group's total size.
 */
final class RawFetch {
  private RawFetch() {}

  /**
   * UID -> raw bytes of the messages the server returned. They are asked for by sequence number
   * ({@code FETCH 101:200 (UID BODY.PEEK[])}: UID FETCH costs some servers a scan per UID) and kept
   * by the UID the server sends with each: a number gone stale (another client expunged messages)
   * gives another message's bytes, which the caller then does not find under its UID.
   *
   * @param expungedBefore messages this session removed (moved) ahead of {@code messages}: Jakarta
   *     Mail's message numbers stay as they were, the server's shift down by this many
   */
  static Map<Long, byte[]> fetch(IMAPFolder folder, List<Message> messages, long expungedBefore)
      throws MessagingException {
    int[] numbers = new int[messages.size()];
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = (int) (messages.get(i).getMessageNumber() - expungedBefore);
    }
    Arrays.sort(numbers);
    String set = MessageSet.toString(MessageSet.createMessageSets(numbers));
    @SuppressWarnings("unchecked")
    Map<Long, byte[]> result =
        (Map<Long, byte[]>)
            folder.doCommand(
                protocol -> {
                  Response[] responses =
                      protocol.command("FETCH " + set + " (UID BODY.PEEK[])", null);
                  Map<Long, byte[]> raw = new HashMap<>();
                  List<Response> others = new ArrayList<>();
                  for (int i = 0; i < responses.length - 1; i++) {
                    Response r = responses[i];
                    FetchResponse f = r instanceof FetchResponse fetch ? fetch : null;
                    BODY body = f == null ? null : f.getItem(BODY.class);
                    UID uid = f == null ? null : f.getItem(UID.class);
                    if (body != null
                        && uid != null
                        && body.getSection().isEmpty()
                        && body.getOrigin() < 0
                        && body.getByteArray() != null) {
                      raw.put(uid.uid, body.getByteArray().getNewBytes());
                    } else {
                      others.add(r); // EXISTS, EXPUNGE, flag changes: the folder keeps its state
                    }
                  }
                  protocol.notifyResponseHandlers(others.toArray(Response[]::new));
                  protocol.handleResult(responses[responses.length - 1]);
                  return raw;
                });
    return result;
  }
}
