package dev.tlsrpt.warehouse.read.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.model.PolicyReport;
import dev.tlsrpt.warehouse.model.Provenance;
import dev.tlsrpt.warehouse.model.QualityFlag;
import dev.tlsrpt.warehouse.model.TlsReport;
import dev.tlsrpt.warehouse.read.Envelope;
import dev.tlsrpt.warehouse.read.FlagSet;
import dev.tlsrpt.warehouse.read.ReadException;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.read.RejectReason;
import dev.tlsrpt.warehouse.read.ReportChecks;
import dev.tlsrpt.warehouse.read.ReportFileName;
import dev.tlsrpt.warehouse.read.ReportUid;
import dev.tlsrpt.warehouse.read.Text;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns the JSON body of one report into a {@link TlsReport}, or a typed rejection. */
public final class ReportJsonParser {
  private static final Set<String> ROOT_KEYS =
      Set.of("organization-name", "date-range", "contact-info", "report-id", "policies");

  private final ObjectMapper mapper;
  private final PolicyParser policies;
  private final ReportChecks checks = new ReportChecks();

  public ReportJsonParser(ReaderLimits limits) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxNestingDepth())
                    .maxStringLength(limits.maxStringLength())
                    .maxNumberLength(64)
                    .maxNameLength(4096)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.policies = new PolicyParser(mapper);
  }

  public TlsReport parse(byte[] json, Envelope envelope, FlagSet flags) throws ReadException {
    JsonNode root = readTree(json);
    if (root == null || !root.isObject()) {
      throw new ReadException(
          RejectReason.NOT_A_TLSRPT_REPORT, "the JSON is not an object, so not an RFC 8460 report");
    }
    String reportId = Text.emptyToNull(JsonValues.text(root.get("report-id"), "report-id"));
    JsonNode policyArray = root.get("policies");
    if (reportId == null || policyArray == null || !policyArray.isArray()) {
      throw new ReadException(
          RejectReason.NOT_A_TLSRPT_REPORT,
          "the JSON has no " + (reportId == null ? "report-id" : "policies array"));
    }
    ReportFileName fileName = envelope.fileName();
    String organization = organization(root, envelope, fileName, flags);
    JsonNode range = JsonValues.object(root, "date-range", "date-range");
    if (range == null) {
      throw new ReadException(RejectReason.MISSING_FIELD, "date-range is missing");
    }
    Instant start = Timestamps.parse(text(range, "start-datetime"), "start-datetime", flags);
    Instant end = Timestamps.parse(text(range, "end-datetime"), "end-datetime", flags);
    checks.dateRange(start, end, flags);
    String contact = Text.emptyToNull(JsonValues.text(root.get("contact-info"), "contact-info"));
    if (contact == null) {
      flags.add(QualityFlag.CONTACT_MISSING);
    }
    List<PolicyReport> parsed = parsePolicies(policyArray, envelope, fileName, flags);
    ObjectNode extra = JsonValues.unknownKeys(root, ROOT_KEYS);
    if (extra != null) {
      flags.add(QualityFlag.UNKNOWN_KEYS);
    }
    checks.envelope(envelope, fileName, reportId, start, end, parsed, flags);
    Provenance provenance =
        new Provenance(
            envelope.sourceName(),
            envelope.container(),
            envelope.attachmentName(),
            envelope.headerReportDomain(),
            envelope.headerReportSubmitter(),
            envelope.subjectReportId(),
            fileName == null ? null : fileName.sender(),
            fileName == null ? null : fileName.policyDomain(),
            fileName == null ? null : fileName.begin(),
            fileName == null ? null : fileName.end());
    return new TlsReport(
        ReportUid.of(organization, reportId, start, end),
        organization,
        start,
        end,
        contact,
        reportId,
        parsed,
        extra == null ? null : extra.toString(),
        flags.codes(),
        provenance);
  }

  private JsonNode readTree(byte[] json) throws ReadException {
    try {
      return mapper.readTree(json);
    } catch (StreamConstraintsException e) {
      throw new ReadException(RejectReason.JSON_LIMITS_EXCEEDED, e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      String msg = String.valueOf(e.getOriginalMessage());
      if (msg.startsWith("Duplicate field")) {
        throw new ReadException(RejectReason.DUPLICATE_KEY, msg);
      }
      if (msg.contains("Invalid UTF-8") || msg.contains("Invalid UTF-32")) {
        throw new ReadException(RejectReason.INVALID_ENCODING, Text.preview(msg));
      }
      throw new ReadException(RejectReason.NOT_JSON, Text.preview(msg));
    } catch (IOException e) {
      throw new ReadException(RejectReason.NOT_JSON, Text.preview(e.getMessage()));
    }
  }

  private List<PolicyReport> parsePolicies(
      JsonNode array, Envelope envelope, ReportFileName fileName, FlagSet flags)
      throws ReadException {
    String fallback = Text.domain(envelope.headerReportDomain());
    QualityFlag fallbackFlag = QualityFlag.POLICY_DOMAIN_FROM_HEADER;
    if (fallback == null && fileName != null) {
      fallback = fileName.policyDomain();
      fallbackFlag = QualityFlag.POLICY_DOMAIN_FROM_FILENAME;
    }
    if (fallback == null) {
      fallbackFlag = QualityFlag.POLICY_DOMAIN_MISSING;
    }
    if (array.isEmpty()) {
      flags.add(QualityFlag.NO_POLICIES);
    }
    List<PolicyReport> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      out.add(policies.parse(array.get(i), "policies[" + i + "]", fallback, fallbackFlag, flags));
    }
    return out;
  }

  private static String organization(
      JsonNode root, Envelope envelope, ReportFileName fileName, FlagSet flags)
      throws ReadException {
    String org = Text.emptyToNull(JsonValues.text(root.get("organization-name"), "organization"));
    if (org != null) {
      return org;
    }
    String fallback = Text.emptyToNull(envelope.headerReportSubmitter());
    if (fallback == null && fileName != null) {
      fallback = fileName.sender();
    }
    if (fallback == null) {
      throw new ReadException(RejectReason.MISSING_FIELD, "organization-name is missing");
    }
    flags.add(QualityFlag.ORGANIZATION_FROM_ENVELOPE);
    return fallback;
  }

  private static String text(JsonNode parent, String name) throws ReadException {
    return JsonValues.text(parent.get(name), "date-range." + name);
  }
}
