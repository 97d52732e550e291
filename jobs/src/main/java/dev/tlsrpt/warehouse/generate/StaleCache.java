package dev.tlsrpt.warehouse.generate;

import java.time.LocalDate;

/**
 * Reporters that go on applying the MTA-STS policy they cached before a {@link ModeChange}, so the
 * report's stale policy caches have one to find and one to leave alone: the webmail service keeps
 * the old (testing) policy until the end of the range, well past the day its copy expires; Google
 * applies it two more days (the change day and the next), within its cache lifetime. Both quote
 * their policy-string and report the domain most days; every other reporter applies the new policy
 * from the change day on.
 */
record StaleCache(ModeChange change, Reporter stale, Reporter late, LocalDate lateSwitch) {

  static StaleCache plan(ModeChange change) {
    return new StaleCache(change, Reporter.WEBMAIL, Reporter.GOOGLE, change.day().plusDays(2));
  }

  /** The mode of the policy a reporter of this kind applies to the domain on a day. */
  String mode(Reporter kind, LocalDate day) {
    boolean cached = kind == stale || (kind == late && day.isBefore(lateSwitch));
    return change.mode(cached ? change.day().minusDays(1) : day);
  }
}
