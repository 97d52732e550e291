package dev.tlsrpt.warehouse.transform;

/** Positions of the parsed objects' nested fields, by name, for code that reads them by index. */
final class ParsedFields {
  private ParsedFields() {}

  /** Positions in {@link ParsedSchema#REPORT}. */
  static final class R {
    static final int UID = at("report_uid"), ORG = at("organization_name");
    static final int CONTACT = at("contact_info"), REPORT_ID = at("report_id");
    static final int START = at("start_datetime"), END = at("end_datetime");
    static final int DATE = at("report_date"), FLAGS = at("quality_flags");
    static final int EXTRA = at("extra_json"), CONTAINER = at("container");
    static final int ATTACHMENT = at("attachment_name"), HEADER_DOMAIN = at("header_report_domain");
    static final int HEADER_SUBMITTER = at("header_report_submitter");
    static final int SUBJECT_ID = at("subject_report_id"), FILE_SENDER = at("file_sender");
    static final int FILE_DOMAIN = at("file_policy_domain"), FILE_BEGIN = at("file_begin_at");
    static final int FILE_END = at("file_end_at"), POLICY_COUNT = at("policy_count");
    static final int POLICIES = at("policies");

    private static int at(String name) {
      return ParsedSchema.REPORT.fieldIndex(name);
    }
  }

  /** Positions in {@link ParsedSchema#POLICY}. */
  static final class P {
    static final int TYPE = at("policy_type"), STRING = at("policy_string");
    static final int DOMAIN = at("policy_domain"), MX = at("mx_host");
    static final int SUCCESSFUL = at("total_successful_session_count");
    static final int FAILED = at("total_failure_session_count");
    static final int DETAILS = at("failure_details"), EXTRA = at("extra_json");
    static final int STS_MODE = at("sts_mode"), STS_MAX_AGE = at("sts_max_age");

    private static int at(String name) {
      return ParsedSchema.POLICY.fieldIndex(name);
    }
  }

  /** Positions in {@link ParsedSchema#FAILURE_DETAIL}. */
  static final class D {
    static final int RESULT_TYPE = at("result_type"), MTA_IP = at("sending_mta_ip");
    static final int MX_HOSTNAME = at("receiving_mx_hostname"), MX_HELO = at("receiving_mx_helo");
    static final int RECEIVING_IP = at("receiving_ip"), SESSIONS = at("failed_session_count");
    static final int INFO = at("additional_information"), REASON_CODE = at("failure_reason_code");
    static final int EXTRA = at("extra_json");

    private static int at(String name) {
      return ParsedSchema.FAILURE_DETAIL.fieldIndex(name);
    }
  }
}
