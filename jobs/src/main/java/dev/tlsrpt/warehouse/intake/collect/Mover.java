package dev.tlsrpt.warehouse.intake.collect;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * Moves archived messages to the done folder: IMAP MOVE where the server has it (one atomic
 * command), otherwise COPY, \Deleted and an expunge of those messages (UID EXPUNGE where the server
 * has UIDPLUS; else the folder's expunge, which also removes messages already marked deleted).
 */
final class Mover {
  private final boolean move;
  private final boolean expungeChosen;
  private final IMAPFolder from;
  private final Folder to;

  Mover(MailboxConnection mail, Folder from, Folder to) throws MessagingException {
    this.move = mail.canMove();
    this.expungeChosen = mail.canExpungeChosen();
    this.from = (IMAPFolder) from;
    this.to = to;
  }

  /** Moves {@code messages}; returns how many. */
  int move(Message[] messages) throws MessagingException {
    if (move) {
      from.moveMessages(messages, to);
    } else {
      from.copyMessages(messages, to);
      from.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
      if (expungeChosen) {
        from.expunge(messages);
      } else {
        from.expunge();
      }
    }
    return messages.length;
  }
}
