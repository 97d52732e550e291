/**
 * Writes the monthly TLS-RPT report as an Excel workbook (POI, no Spark): a summary per policy
 * domain, failure breakdowns, reporters, a daily trend with native charts, and the issues the rules
 * found. {@link dev.tlsrpt.warehouse.report.excel.WorkbookWriter} is the only public class. Rows
 * are streamed to temporary files as they are written (SXSSF), so a workbook for thousands of
 * domains takes no more memory than one for a few.
 *
 * <p>Every string in the input comes from reports that anyone can send, so it is written as a
 * literal string cell, never a formula; text that a spreadsheet could read as a formula (leading
 * {@code = + - @}, tab or CR) also gets a quote-prefixed style, characters XML cannot hold are
 * replaced and strings are cut to Excel's 32,767-character limit.
 */
package dev.tlsrpt.warehouse.report.excel;
