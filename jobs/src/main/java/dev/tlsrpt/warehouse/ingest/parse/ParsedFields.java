package dev.tlsrpt.warehouse.ingest.parse;

/**
 * Positions of the fields of the ingest's intermediate rows ({@link ParsedSchema}), by name, for
 * the code that reads them by index on the hot path: the one place a position is written.
 */
public final class ParsedFields {
  private ParsedFields() {}

  /** Positions in {@link ParsedSchema#LISTING}: one listed raw object. */
  public static final class L {
    public static final int URI = at("source_uri"), SIZE = at("size_bytes");
    public static final int MODIFIED = at("modified_at");

    private static int at(String name) {
      return ParsedSchema.LISTING.fieldIndex(name);
    }
  }

  /**
   * Positions in {@link ParsedSchema#PARSED_FILE}: one raw object after reading (the duplicate
   * resolution's rows extend it with their own fields after these).
   */
  public static final class O {
    public static final int URI = at("source_uri"), SIZE = at("size_bytes");
    public static final int MODIFIED = at("modified_at"), SHA = at("content_sha256");
    public static final int STATUS = at("read_status"), REASON = at("reason");
    public static final int MESSAGE = at("message"), REPORTS = at("reports");

    private static int at(String name) {
      return ParsedSchema.PARSED_FILE.fieldIndex(name);
    }
  }

  /** Positions in {@link ParsedSchema#REPORT}. */
  public static final class R {
    public static final int UID = at("report_uid"), ORG = at("organization_name");
    public static final int CONTACT = at("contact_info"), REPORT_ID = at("report_id");
    public static final int START = at("start_datetime"), END = at("end_datetime");
    public static final int DATE = at("report_date"), FLAGS = at("quality_flags");
    public static final int EXTRA = at("extra_json"), CONTAINER = at("container");
    public static final int ATTACHMENT = at("attachment_name"),
        HEADER_DOMAIN = at("header_report_domain");
    public static final int HEADER_SUBMITTER = at("header_report_submitter");
    public static final int SUBJECT_ID = at("subject_report_id"), FILE_SENDER = at("file_sender");
    public static final int FILE_DOMAIN = at("file_policy_domain"),
        FILE_BEGIN = at("file_begin_at");
    public static final int FILE_END = at("file_end_at"), POLICY_COUNT = at("policy_count");
    public static final int POLICIES = at("policies");

    private static int at(String name) {
      return ParsedSchema.REPORT.fieldIndex(name);
    }
  }

  /** Positions in {@link ParsedSchema#POLICY}. */
  public static final class P {
    public static final int TYPE = at("policy_type"), STRING = at("policy_string");
    public static final int DOMAIN = at("policy_domain"), MX = at("mx_host");
    public static final int SUCCESSFUL = at("total_successful_session_count");
    public static final int FAILED = at("total_failure_session_count");
    public static final int DETAILS = at("failure_details"), EXTRA = at("extra_json");
    public static final int STS_MODE = at("sts_mode"), STS_MAX_AGE = at("sts_max_age");

    private static int at(String name) {
      return ParsedSchema.POLICY.fieldIndex(name);
    }
  }

  /** Positions in {@link ParsedSchema#FAILURE_DETAIL}. */
  public static final class D {
    public static final int RESULT_TYPE = at("result_type"), MTA_IP = at("sending_mta_ip");
    public static final int MX_HOSTNAME = at("receiving_mx_hostname"),
        MX_HELO = at("receiving_mx_helo");
    public static final int RECEIVING_IP = at("receiving_ip"),
        SESSIONS = at("failed_session_count");
    public static final int INFO = at("additional_information"),
        REASON_CODE = at("failure_reason_code");
    public static final int EXTRA = at("extra_json");

    private static int at(String name) {
      return ParsedSchema.FAILURE_DETAIL.fieldIndex(name);
    }
  }
}
