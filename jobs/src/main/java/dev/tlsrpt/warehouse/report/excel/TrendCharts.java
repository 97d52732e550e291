package dev.tlsrpt.warehouse.report.excel;

import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xddf.usermodel.PresetColor;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFShapeProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.DisplayBlanks;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.xmlbeans.XmlCursor;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTBarChart;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTMarker;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTOverlap;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTPlotArea;

/**
 * The two native charts of the "Daily trend" sheet: success rate per day (a line per domain) and
 * failed sessions per day stacked by result type. Series reference sheet ranges (not literals), so
 * the charts follow edits to the cells. Lines and columns get explicit solid fills: LibreOffice
 * draws nothing for a line series that has only a marker style.
 */
final class TrendCharts {
  /**
   * One series: its name and name cell, its category (date) cells and its value cells, with the
   * values those cells hold (the chart's cache: the rows are on disk by the time it is drawn). A
   * null value is a blank cell.
   */
  record Series(
      String name,
      CellReference title,
      CellRangeAddress categories,
      List<LocalDate> dates,
      CellRangeAddress values,
      List<Double> numbers) {
    Series {
      if (dates.size() != categories.getNumberOfCells()
          || numbers.size() != values.getNumberOfCells()) {
        throw new IllegalArgumentException("a series needs one value per cell of its ranges");
      }
    }
  }

  private static final int WIDTH_COLUMNS = 12;
  private static final int HEIGHT_ROWS = 20;

  private static final PresetColor[] PALETTE = {
    PresetColor.ROYAL_BLUE,
    PresetColor.DARK_ORANGE,
    PresetColor.SEA_GREEN,
    PresetColor.CRIMSON,
    PresetColor.MEDIUM_PURPLE,
    PresetColor.GOLDENROD,
    PresetColor.TEAL,
    PresetColor.SADDLE_BROWN,
    PresetColor.HOT_PINK,
    PresetColor.SLATE_GRAY
  };

  private TrendCharts() {}

  /**
   * Draws both charts with their top left corner at column {@code column}, row 1; {@code month}
   * goes in the titles (the date axis shows days of the month).
   */
  static void draw(
      SXSSFSheet sheet, int column, String month, List<Series> rates, List<Series> failures) {
    // the drawing of the sheet's XSSF part: SXSSF's own drawing cannot hold charts
    XSSFDrawing drawing =
        sheet
            .getWorkbook()
            .getXSSFWorkbook()
            .getSheet(sheet.getSheetName())
            .createDrawingPatriarch();
    XSSFChart line =
        drawing.createChart(
            drawing.createAnchor(0, 0, 0, 0, column, 1, column + WIDTH_COLUMNS, 1 + HEIGHT_ROWS));
    XDDFLineChartData lines =
        (XDDFLineChartData) data(line, ChartTypes.LINE, "Success rate per day, " + month, "0%");
    lines.getValueAxes().get(0).setMaximum(1.0);
    int i = 0;
    for (Series s : rates) {
      XDDFLineChartData.Series series =
          (XDDFLineChartData.Series) add(sheet.getSheetName(), lines, s);
      series.setSmooth(false);
      series.setMarkerStyle(MarkerStyle.CIRCLE);
      XDDFSolidFillProperties color = fill(i++);
      XDDFLineProperties stroke = new XDDFLineProperties(color);
      stroke.setWidth(2.0);
      series.setLineProperties(stroke);
      // the marker in the line's colour too (Excel would pick a theme colour otherwise)
      CTMarker marker = series.getCTLineSer().getMarker();
      XDDFShapeProperties dot =
          new XDDFShapeProperties(marker.isSetSpPr() ? marker.getSpPr() : marker.addNewSpPr());
      dot.setFillProperties(color);
      dot.setLineProperties(new XDDFLineProperties(color));
    }
    line.plot(lines);

    int top = 2 + HEIGHT_ROWS;
    XSSFChart bar =
        drawing.createChart(
            drawing.createAnchor(
                0, 0, 0, 0, column, top, column + WIDTH_COLUMNS, top + HEIGHT_ROWS));
    XDDFBarChartData columns =
        (XDDFBarChartData)
            data(bar, ChartTypes.BAR, "Failed sessions per day by result type, " + month, "#,##0");
    columns.setBarDirection(BarDirection.COL);
    columns.setBarGrouping(BarGrouping.STACKED);
    overlapFully(bar);
    columns.setGapWidth(50);
    columns.getValueAxes().get(0).setCrossBetween(AxisCrossBetween.BETWEEN);
    i = 0;
    for (Series s : failures) {
      XDDFChartData.Series series = add(sheet.getSheetName(), columns, s);
      series.setFillProperties(fill(i++));
    }
    bar.plot(columns);
  }

  /**
   * Sets the columns' overlap to 100%, which Excel needs to draw stacked columns on top of each
   * other rather than offset. Written as a plain attribute: {@code setOverlap} needs a schema type
   * that poi-ooxml-lite (POI's default schema jar) does not ship.
   */
  private static void overlapFully(XSSFChart chart) {
    CTBarChart ct = chart.getCTChart().getPlotArea().getBarChartArray(0);
    CTOverlap overlap = ct.isSetOverlap() ? ct.getOverlap() : ct.addNewOverlap();
    try (XmlCursor cursor = overlap.newCursor()) {
      cursor.toNextToken();
      cursor.insertAttributeWithValue("val", "100");
    }
  }

  private static XDDFChartData data(XSSFChart chart, ChartTypes type, String title, String format) {
    chart.setTitleText(title);
    chart.setTitleOverlay(false);
    chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
    chart.displayBlanksAs(DisplayBlanks.GAP);
    XDDFCategoryAxis dates = chart.createCategoryAxis(AxisPosition.BOTTOM);
    dates.setNumberFormat("dd");
    XDDFValueAxis values = chart.createValueAxis(AxisPosition.LEFT);
    values.setNumberFormat(format);
    values.setCrosses(AxisCrosses.AUTO_ZERO);
    XDDFShapeProperties grid = values.getOrAddMajorGridProperties();
    grid.setLineProperties(
        new XDDFLineProperties(
            new XDDFSolidFillProperties(XDDFColor.from(PresetColor.LIGHT_GRAY))));
    XDDFChartData data = chart.createData(type, dates, values);
    // axis formats of their own, not the cells' (sourceLinked would show full dates, 0.00%)
    CTPlotArea plot = chart.getCTChart().getPlotArea();
    plot.getCatAxArray(0).getNumFmt().setSourceLinked(false);
    plot.getValAxArray(0).getNumFmt().setSourceLinked(false);
    data.setVaryColors(false);
    return data;
  }

  private static XDDFChartData.Series add(String sheet, XDDFChartData data, Series s) {
    Double[] serials = s.dates().stream().map(DateUtil::getExcelDate).toArray(Double[]::new);
    XDDFNumericalDataSource<Double> categories =
        XDDFDataSourcesFactory.fromArray(serials, reference(sheet, s.categories()));
    categories.setFormatCode("yyyy-mm-dd");
    XDDFNumericalDataSource<Double> values =
        XDDFDataSourcesFactory.fromArray(
            s.numbers().toArray(Double[]::new), reference(sheet, s.values()));
    XDDFChartData.Series series = data.addSeries(categories, values);
    series.setTitle(s.name(), s.title());
    return series;
  }

  private static String reference(String sheet, CellRangeAddress range) {
    return range.formatAsString(sheet, true);
  }

  private static XDDFSolidFillProperties fill(int index) {
    return new XDDFSolidFillProperties(XDDFColor.from(PALETTE[index % PALETTE.length]));
  }
}
