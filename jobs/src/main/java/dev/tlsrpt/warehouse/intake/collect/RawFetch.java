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
import org.eclipse.angus.mail.imap.protocol.UID;
import org.eclipse.angus.mail.imap.protocol.UIDSet;

/**
 * The raw bytes of several messages in one {@code FETCH n,m,... (BODY.PEEK[])}: one round trip for
 * a group instead of one per message, which is what a mailbox of thousands of small reports costs
 * on a distant server. The bytes are the literal the server sends, untouched (Jakarta Mail's own
 * whole-message fetch re-serialises the headers). The caller bounds a group's total size.
 */
final class RawFetch {
  private RawFetch() {}

  /**
   * UID -> raw bytes, for the messages the server returned. By UID, not by message number: after a
   * MOVE the server renumbers the folder, and Jakarta Mail's message numbers do not follow.
   */
  @SuppressWarnings("unchecked")
  static Map<Long, byte[]> fetch(IMAPFolder folder, List<Message> messages)
      throws MessagingException {
    long[] uids = new long[messages.size()];
    for (int i = 0; i < uids.length; i++) {
      uids[i] = folder.getUID(messages.get(i));
    }
    Arrays.sort(uids);
    String set = UIDSet.toString(UIDSet.createUIDSets(uids));
    return (Map<Long, byte[]>)
        folder.doCommand(
            protocol -> {
              Response[] responses = protocol.command("UID FETCH " + set + " (BODY.PEEK[])", null);
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
  }
}
